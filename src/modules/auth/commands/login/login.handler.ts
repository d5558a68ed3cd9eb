import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { JwtService } from '@nestjs/jwt';
import { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from '../../../../common/crypto/password-hash.js';
import { UnauthorizedError } from '../../../../common/errors/domain-error.js';
import type { JwtConfig } from '../../../../config/index.js';
import { LoginRateLimiter } from '../../login-rate-limiter.js';
import { UserStore } from '../../persistence/user.store.js';
import { type IssuedToken, LoginCommand } from './login.command.js';

// Checked against a real hash even for an unknown username, so that the answer takes as long
// either way and does not tell which usernames exist.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword(randomBytes(16)));

@CommandHandler(LoginCommand)
export class LoginHandler implements ICommandHandler<LoginCommand> {
  private readonly ttlS: number;

  constructor(
    private readonly users: UserStore,
    private readonly jwt: JwtService,
    private readonly limiter: LoginRateLimiter,
    config: ConfigService,
  ) {
    this.ttlS = config.getOrThrow<JwtConfig>('jwt').ttlS;
  }

  async execute({ username, password, remoteAddress }: LoginCommand): Promise<IssuedToken> {
    await this.limiter.admit(remoteAddress, username);
    const user = await this.users.findByUsername(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummy()));
    if (!user || !ok || user.disabled) throw new UnauthorizedError('Invalid username or password');
    await this.limiter.succeeded(remoteAddress, username);
    const accessToken = await this.jwt.signAsync({
      sub: user.id,
      role: user.role,
      username: user.username,
      ver: user.tokenVersion,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.ttlS };
  }
}
