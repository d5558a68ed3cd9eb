// The DataSource for the TypeORM CLI, e.g. after `npm run build`:
//   npm run typeorm -- migration:show
// It reads the same variables as the server (DATABASE_URL / SQLITE_PATH) and validates them.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseConfig } from './src/config/database.config.js';
import { validateEnv } from './src/config/env.schema.js';
import { dataSourceOptions } from './src/infrastructure/database/data-source.factory.js';
import { UserEntity } from './src/modules/auth/persistence/user.entity.js';
import { subscriptionEntities } from './src/modules/subscription/subscription.module.js';
import { chargePointEntities } from './src/modules/charge-point/charge-point.module.js';
import { idTagEntities } from './src/modules/id-tag/id-tag.module.js';
import { remoteControlEntities } from './src/modules/remote-control/remote-control.module.js';

export default new DataSource({
  ...dataSourceOptions(databaseConfig(validateEnv(process.env))),
  entities: [
    UserEntity,
    ...chargePointEntities,
    ...subscriptionEntities,
    ...remoteControlEntities,
    ...idTagEntities,
  ],
});
