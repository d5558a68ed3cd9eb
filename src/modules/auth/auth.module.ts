import { randomBytes } from 'node:crypto';
import { Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { JwtConfig } from '../../config/index.js';
import { AdminBootstrap } from './admin-bootstrap.js';
import { AuthController } from './auth.controller.js';
import { ChangePasswordHandler } from './commands/change-password/change-password.handler.js';
import { CreateUserHandler } from './commands/create-user/create-user.handler.js';
import { DeleteUserHandler } from './commands/delete-user/delete-user.handler.js';
import { UpdateUserHandler } from './commands/update-user/update-user.handler.js';
import { EnsureAdminHandler } from './commands/ensure-admin/ensure-admin.handler.js';
import { LoginHandler } from './commands/login/login.handler.js';
import { JwtAuthGuard } from './guards/jwt-auth.guard.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { UserEntity } from './persistence/user.entity.js';
import { UserStore } from './persistence/user.store.js';
import { FindUserHandler } from './queries/find-user.handler.js';
import { GetUserHandler, ListUsersHandler } from './queries/list-users/list-users.handler.js';
import { VerifyAccessTokenHandler } from './queries/verify-access-token.handler.js';
import { UsersController } from './users.controller.js';

const commandHandlers = [
  CreateUserHandler,
  EnsureAdminHandler,
  LoginHandler,
  UpdateUserHandler,
  DeleteUserHandler,
  ChangePasswordHandler,
];
const queryHandlers = [FindUserHandler, VerifyAccessTokenHandler, ListUsersHandler, GetUserHandler];

function signingKey(config: JwtConfig): string {
  if (config.secret) return config.secret;
  new Logger('Auth').warn(
    'JWT_SECRET is not set: tokens are signed with a random key made at this start; they stop ' +
      'working at the next restart and are not shared between instances',
  );
  return randomBytes(48).toString('base64url');
}

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity]),
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const c = config.getOrThrow<JwtConfig>('jwt');
        return {
          secret: signingKey(c),
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
