import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { CurrentUser, type RequestUser, Roles } from '../../common/http/auth.decorators.js';
import { DEFAULT_PAGE_SIZE } from '../../common/http/paging.js';
import { UuidPipe } from '../../common/http/param-pipes.js';
import { ChangePasswordCommand } from './commands/change-password/change-password.command.js';
import { CreateUserCommand } from './commands/create-user/create-user.command.js';
import { DeleteUserCommand } from './commands/delete-user/delete-user.command.js';
import { UpdateUserCommand } from './commands/update-user/update-user.command.js';
import {
  ChangeOwnPasswordDto,
  CreateUserDto,
  ListUsersQueryDto,
  ResetPasswordDto,
  UpdateUserDto,
  UserDetailsDto,
  UserDto,
  UserPageDto,
} from './dto/auth.dto.js';
import { GetUserQuery, ListUsersQuery } from './queries/list-users/list-users.query.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

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

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'Users by username, optionally those starting with `q` (admins only)',
    operationId: 'listUsers',
  })
  @ApiOkResponse({ type: UserPageDto })
  @ApiErrors(400, 401, 403)
  list(@Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    return this.queries.execute(
      new ListUsersQuery(query.q ?? '', query.limit ?? DEFAULT_PAGE_SIZE, query.cursor),
    );
  }

  @Get('me')
  @ApiOperation({ summary: 'Who am I', operationId: 'getMe' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(401)
  me(@CurrentUser() user: RequestUser): UserDto {
    return { id: user.id, username: user.username, role: user.role };
  }

  @Put('me/password')
  @HttpCode(204)
  @ApiOperation({
    summary:
      "Change one's own password; every token issued before (this one too) stops working, " +
      'live realtime sessions are closed (4401): log in again',
    operationId: 'changeOwnPassword',
  })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiErrors(400, 401)
  async changeOwnPassword(
    @CurrentUser() user: RequestUser,
    @Body() body: ChangeOwnPasswordDto,
  ): Promise<void> {
    await this.commands.execute(
      new ChangePasswordCommand(user.id, body.newPassword, body.currentPassword),
    );
  }

  @Get(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'One user (admins only)', operationId: 'getUser' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: UserDetailsDto })
  @ApiErrors(400, 401, 403, 404)
  async get(@Param('id', UuidPipe) id: string): Promise<UserDetailsDto> {
    const user = await this.queries.execute(new GetUserQuery(id));
    if (!user) throw new NotFoundError(`User ${id} not found`);
    return user;
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Change role, disable or enable (admins only). Disabling revokes every token of the ' +
      'user at once: REST 401, live realtime sessions closed (4401)',
    operationId: 'updateUser',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: UserDetailsDto })
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @CurrentUser() actor: RequestUser,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDetailsDto> {
    return this.commands.execute(new UpdateUserCommand(actor.id, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Delete a user (admins only); 409 while they own chargers. Their grants, subscriptions ' +
      'and id tags go with them; their tokens and sessions end at once',
    operationId: 'deleteUser',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 401, 403, 404, 409)
  async delete(@CurrentUser() actor: RequestUser, @Param('id', UuidPipe) id: string) {
    await this.commands.execute(new DeleteUserCommand(actor.id, id));
  }

  @Put(':id/password')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({
    summary: "Reset a user's password (admins only); every token of theirs is revoked",
    operationId: 'resetPassword',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Reset' })
  @ApiErrors(400, 401, 403, 404)
  async resetPassword(@Param('id', UuidPipe) id: string, @Body() body: ResetPasswordDto) {
    await this.commands.execute(new ChangePasswordCommand(id, body.newPassword));
  }
}
