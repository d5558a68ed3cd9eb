import { Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DatabaseConfig, JwtConfig } from '../../config/index.js';
import { AdminBootstrap } from './admin-bootstrap.js';
import { AuthController } from './auth.controller.js';
import { CreateUserHandler } from './commands/create-user/create-user.handler.js';
import { EnsureAdminHandler } from './commands/ensure-admin/ensure-admin.handler.js';
import { LoginHandler } from './commands/login/login.handler.js';
import { JwtAuthGuard } from './guards/jwt-auth.guard.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { UserEntity } from './persistence/user.entity.js';
import { UserStore } from './persistence/user.store.js';
import { FindUserHandler } from './queries/find-user.handler.js';
import { VerifyAccessTokenHandler } from './queries/verify-access-token.handler.js';
import { UsersController } from './users.controller.js';
import { signingKey } from './signing-key.js';

const commandHandlers = [CreateUserHandler, EnsureAdminHandler, LoginHandler];
const queryHandlers = [FindUserHandler, VerifyAccessTokenHandler];

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity]),
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const c = config.getOrThrow<JwtConfig>('jwt');
        return {
          secret: signingKey(c, config.getOrThrow<DatabaseConfig>('database'), new Logger()),
          // the algorithm is pinned both ways: an unsigned ("none") or RS/ES token is refused
          signOptions: {
            algorithm: 'HS256',
            expiresIn: c.ttlS,
            issuer: c.issuer,
            audience: c.audience,
          },
          verifyOptions: { algorithms: ['HS256'], issuer: c.issuer, audience: c.audience },
        };
      },
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    UserStore,
    LoginRateLimiter,
    AdminBootstrap,
    ...commandHandlers,
    ...queryHandlers,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
})
export class AuthModule {}
