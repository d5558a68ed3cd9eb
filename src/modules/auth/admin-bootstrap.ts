import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus } from '@nestjs/cqrs';
import type { AppConfig, DatabaseConfig, JwtConfig } from '../../config/index.js';
import { EnsureAdminCommand } from './commands/ensure-admin/ensure-admin.command.js';

// Contract section 4: the admin exists after every start. A generated password is shown once with
// readable logs (LOG_FORMAT=pretty, the default on a terminal: a person reads them). With JSON
// logs (a container, a service: collected and kept) it does not go to the output: it is
// written once to a file beside the
// database, readable by the server's user only (0600), and the log says where. Where that file
// cannot be written (a read-only volume), it is printed once to stdout, not through the logger.
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
    if (result.generatedPassword) this.reveal(adminUsername, result.generatedPassword);
  }

  private reveal(username: string, password: string): void {
    if (this.config.getOrThrow<AppConfig>('app').logFormat === 'pretty')
      return this.print(username, password);
    const { sqlitePath } = this.config.getOrThrow<DatabaseConfig>('database');
    const file = resolve(join(dirname(sqlitePath), 'admin-password.txt'));
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      // 'wx': never over a file someone else put there (nor follow a link planted in its place)
      writeFileSync(file, `${username}\n${password}\n`, { mode: 0o600, flag: 'wx' });
      this.logger.warn(
        `The generated password of "${username}" is in ${file} (readable by this user only): ` +
          'read it, change it, and delete the file. Set ADMIN_PASSWORD to choose it instead.',
      );
    } catch (err) {
      this.logger.warn(`Could not write ${file} (${(err as Error).message}): printing it once`);
      this.print(username, password);
    }
  }

  private print(username: string, password: string): void {
    process.stdout.write(
      `\n  Admin user "${username}" was created with the generated password:\n\n` +
        `      ${password}\n\n  It is shown this once. Set ADMIN_PASSWORD to choose it.\n\n`,
    );
  }
}
