import { Injectable } from '@nestjs/common';
import type {
  ChargerCallResult,
  ChargerCommandName,
  ChargerCommandParams,
} from '../../../common/contracts/charger-commands.js';
import { TransactionRunner } from '../../../infrastructure/database/transaction-runner.js';
import { ConfigurationSettingEntity } from './configuration-setting.entity.js';

/** A change the charger takes (at once, or after a reboot) becomes its known value. */
const TAKEN = new Set(['Accepted', 'RebootRequired']);

// Each charger's last known configuration: what get-configuration read (a read of every key
// replaces the whole of it), and the values of the changes the charger accepted since.
@Injectable()
export class ConfigurationStore {
  constructor(private readonly tx: TransactionRunner) {}

  async apply(
    chargePointId: string,
    command: ChargerCommandName,
    params: ChargerCommandParams[ChargerCommandName],
    result: ChargerCallResult,
  ): Promise<void> {
    const now = new Date();
    if (command === 'get-configuration' && result.configuration) {
      const { keys } = params as ChargerCommandParams['get-configuration'];
      const read = result.configuration;
      await this.tx.run(async (m) => {
        if (!keys?.length) await m.delete(ConfigurationSettingEntity, { chargePointId });
        if (read.length)
          await m.upsert(
            ConfigurationSettingEntity,
            read.map((c) => ({ chargePointId, ...c, updatedAt: now })),
            ['chargePointId', 'key'],
          );
      });
    } else if (command === 'change-configuration' && TAKEN.has(result.status)) {
      const { key, value } = params as ChargerCommandParams['change-configuration'];
      await this.tx.run(async (m) => {
        const known = await m.findOneBy(ConfigurationSettingEntity, { chargePointId, key });
        await m.upsert(
          ConfigurationSettingEntity,
          { chargePointId, key, value, readonly: known?.readonly ?? false, updatedAt: now },
          ['chargePointId', 'key'],
        );
      });
    }
  }
}
