import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus } from '@nestjs/cqrs';
import type { JwtConfig } from '../../config/index.js';
import { EnsureAdminCommand } from './commands/ensure-admin/ensure-admin.command.js';

// Contract section 4: the admin exists after every start. A generated password is printed once,
// straight to stdout and not through the logger, so that it never lands in collected logs twice.
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly commands: CommandBus,
    private readonly config: ConfigService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminUsername, adminPassword } = this.config.getOrThrow<JwtConfig>('jwt');
    const result = await this.commands.execute(
      new EnsureAdminCommand(adminUsername, adminPassword),
    );
    if (!result.created) {
      // an admin made at an earlier start keeps its password: say so rather than ignore it
      if (result.passwordIgnored) {
        this.logger.warn(
          `ADMIN_PASSWORD differs from the password of the existing admin "${adminUsername}" and ` +
            `was not applied (it only sets the password when the admin is created). To reset ` +
            `it: npm run reset-admin-password`,
        );
      }
      return;
    }
    this.logger.log(`Admin user "${adminUsername}" created`);
    if (result.generatedPassword) {
      process.stdout.write(
        `\n  Admin user "${adminUsername}" was created with the generated password:\n\n` +
          `      ${result.generatedPassword}\n\n  It is shown this once. Set ADMIN_PASSWORD to choose it.\n\n`,
      );
    }
  }
}
