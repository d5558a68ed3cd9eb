import { Body, Controller, Get, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { CreateUserCommand } from './commands/create-user/create-user.command.js';
import { CreateUserDto, UserDto } from './dto/auth.dto.js';
import { CurrentUser, type RequestUser, Roles } from '../../common/http/auth.decorators.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user (admins only)', operationId: 'createUser' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrors(400, 401, 403, 409)
  create(@Body() body: CreateUserDto): Promise<UserDto> {
    return this.commands.execute(
      new CreateUserCommand(body.username, body.password, body.role ?? 'user'),
    );
  }

  @Get('me')
  @ApiOperation({ summary: 'Who am I', operationId: 'getMe' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(401)
  me(@CurrentUser() user: RequestUser): UserDto {
    return { id: user.id, username: user.username, role: user.role };
  }
}
