import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { LoginCommand } from './commands/login/login.command.js';
import { LoginDto, TokenDto } from './dto/auth.dto.js';
import { Public } from '../../common/http/auth.decorators.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in: a bearer token for the REST API and /ws/users',
    operationId: 'login',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiErrors(400, 401, 429)
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<TokenDto> {
    return this.commands.execute(new LoginCommand(body.username, body.password, ip ?? 'unknown'));
  }
}
