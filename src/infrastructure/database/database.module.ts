import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../../config/index.js';
import { Metrics } from '../metrics/metrics.service.js';
import { dataSourceOptions, initialiseDataSource } from './data-source.factory.js';
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
      dataSourceFactory: async (options) => initialiseDataSource(options as DataSourceOptions),
    }),
  ],
  providers: [TransactionRunner],
  exports: [TransactionRunner],
})
export class DatabaseModule {}
