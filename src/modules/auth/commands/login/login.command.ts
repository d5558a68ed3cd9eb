import { Command } from '@nestjs/cqrs';

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export class LoginCommand extends Command<IssuedToken> {
  constructor(
    readonly username: string,
    readonly password: string,
    readonly remoteAddress: string,
  ) {
    super();
  }
}
