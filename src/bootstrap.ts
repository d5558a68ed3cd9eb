import 'reflect-metadata';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

export interface CreateAppOptions {
  env?: Record<string, string | undefined>;
  logger?: LogLevel[] | false;
}

/** Builds the application exactly as `main.ts` runs it; e2e tests call this too. */
export async function createApp(options: CreateAppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(options.env), {
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  app.enableShutdownHooks();
  return app;
}
