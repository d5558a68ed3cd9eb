import 'reflect-metadata';
import { type INestApplication, type LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigService } from '@nestjs/config';
import { AppModule } from './app.module.js';
import { appConfig } from './config/app.config.js';
import { validateEnv } from './config/env.schema.js';
import { JsonLogger } from './infrastructure/logging/json-logger.js';
import { PrettyLogger } from './infrastructure/logging/pretty-logger.js';
import { requestLogging } from './infrastructure/logging/request-logging.middleware.js';
import { PUBLIC_EXTENSION } from './common/http/auth.decorators.js';
import type { RealtimeConfig } from './config/index.js';
import { RoutedWsAdapter } from './infrastructure/websocket/routed-ws-adapter.js';
import { HttpExceptionFilter } from './common/errors/http-exception.filter.js';
import { securityConfig } from './config/security.config.js';
import { JsonDepthPipe } from './common/http/json-depth.pipe.js';
import { securityHeaders } from './infrastructure/http/security-headers.js';
import { reloadOnChange, tlsServerOptions } from './infrastructure/tls/tls-files.js';
import type { Server as HttpsServer } from 'node:https';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { dashboardConfig } from './config/dashboard.config.js';
import { serveDashboard } from './infrastructure/dashboard/serve-dashboard.js';
import { validationExceptionFactory } from './common/http/validation-errors.js';
import { jsonBodyOnly } from './infrastructure/http/json-body-only.middleware.js';
import { notFoundFallback } from './infrastructure/http/not-found.fallback.js';

export interface CreateAppOptions {
  env?: Record<string, string | undefined>;
  logger?: LogLevel[] | false;
}

export const API_PREFIX = 'api/v1';

/** Builds the application exactly as `main.ts` runs it; e2e tests and `npm run openapi` too. */
export async function createApp(options: CreateAppOptions = {}): Promise<INestApplication> {
  const env = options.env ?? process.env;
  const security = securityConfig(validateEnv(env));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env), {
    logger: loggerFor(env, options.logger),
    ...(security.tls ? { httpsOptions: tlsServerOptions(security.tls) } : {}),
    // a failed start rejects (main.ts says why in one line) instead of exiting the process
    abortOnError: false,
  });
  if (security.tls) {
    const server = app.getHttpServer() as HttpsServer;
    const stop = reloadOnChange(server, security.tls);
    server.once('close', stop);
  }
  // one proxy in front (TRUST_PROXY): req.ip is the address it saw, not its own
  app.set('trust proxy', security.trustProxy ? 1 : false);
  app.disable('x-powered-by');
  app.use(securityHeaders(!!security.tls));
  app.use(requestLogging);
  serveDashboard(app, dashboardConfig(validateEnv(env)).dir); // the web page at /
  app.use(jsonBodyOnly);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes(
    new JsonDepthPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true, // unknown fields are a 400, not silently dropped
      transform: true,
      exceptionFactory: validationExceptionFactory, // one message per field
    }),
  );
  app.useGlobalFilters(new HttpExceptionFilter());
  const { maxMessageBytes } = app.get(ConfigService).getOrThrow<RealtimeConfig>('realtime');
  app.useWebSocketAdapter(new RoutedWsAdapter(app, maxMessageBytes));
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  // routes are registered by init(); what none of them takes falls through to a JSON 404
  await app.init();
  app.use(notFoundFallback);
  return app;
}

// JSON lines (LOG_FORMAT=json, the default off a terminal) or readable ones (pretty, on one).
function loggerFor(env: Record<string, string | undefined>, levels?: LogLevel[] | false) {
  if (levels !== undefined) return levels; // the caller chose (tests, tools)
  const { logFormat, logLevel } = appConfig(validateEnv(env));
  return logFormat === 'json' ? new JsonLogger(logLevel) : new PrettyLogger(logLevel);
}

export function buildOpenApiDocument(app: INestApplication) {
  const config = new DocumentBuilder()
    .setTitle('Voltline API')
    .setDescription(
      'Users, chargers, grants and remembered subscriptions of the Voltline CSMS. Log in with ' +
        '`POST /api/v1/auth/login`, then send the token as `Authorization: Bearer ...`. Live ' +
        'charger state is pushed over the `/ws/users` WebSocket (see docs/realtime-api.md).',
    )
    .setVersion('1.0')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addServer('/', 'The server that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller, method) => method,
  });
  // every operation needs the bearer token (the root requirement) but the @Public() ones
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as Array<Record<string, unknown>>) {
      if (op && typeof op === 'object' && op[PUBLIC_EXTENSION]) {
        op.security = [];
        delete op[PUBLIC_EXTENSION];
      }
    }
  }
  return document;
}
