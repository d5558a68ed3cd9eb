import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DatabaseConfig } from '../../config/index.js';
import { Metrics } from '../metrics/metrics.service.js';
import { dataSourceOptions } from './data-source.factory.js';
import { TransactionRunner } from './transaction-runner.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService, Metrics],
      useFactory: (config: ConfigService, metrics: Metrics) => ({
        ...dataSourceOptions(config.getOrThrow<DatabaseConfig>('database'), () =>
          metrics.dbErrors.inc(),
        ),
        autoLoadEntities: true,
      }),
    }),
  ],
  providers: [TransactionRunner],
  exports: [TransactionRunner],
})
export class DatabaseModule {}
