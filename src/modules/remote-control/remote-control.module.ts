import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommandHistoryController } from './command-history.controller.js';
import { CommandsController } from './commands.controller.js';
import { CommandRecordEntity } from './persistence/command-record.entity.js';
import { ConfigurationSettingEntity } from './persistence/configuration-setting.entity.js';
import { ConfigurationStore } from './persistence/configuration.store.js';
import { GetConfigurationHandler, ListCommandsHandler } from './queries/command-history.queries.js';
import { SendCommandHandler } from './send-command/send-command.handler.js';

// Remote commands (contract section 5): who may send what to which charger, their record and
// the configuration they read. The OCPP module carries them to the charger (CallChargerCommand).
export const remoteControlEntities = [CommandRecordEntity, ConfigurationSettingEntity];

const commandHandlers = [SendCommandHandler];
const queryHandlers = [ListCommandsHandler, GetConfigurationHandler];

@Module({
  imports: [TypeOrmModule.forFeature(remoteControlEntities)],
  controllers: [CommandsController, CommandHistoryController],
  providers: [ConfigurationStore, ...commandHandlers, ...queryHandlers],
})
export class RemoteControlModule {}
