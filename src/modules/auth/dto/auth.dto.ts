import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../../common/http/paging.js';
import type { UserRole } from '../../../common/contracts/users.js';

export class LoginDto {
  @ApiProperty({ example: 'admin', maxLength: 64 })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'correct horse battery staple', maxLength: 256 })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

export class TokenDto {
  @ApiProperty({ description: 'A JWT (HS256) to send as `Authorization: Bearer ...`' })
  accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires', example: 3600 })
  expiresIn!: number;
}

export class CreateUserDto {
  @ApiProperty({ example: 'alice', pattern: '^[A-Za-z0-9._@-]{3,64}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9._@-]{3,64}$/, {
    message: 'username must be 3 to 64 letters, digits or . _ @ -',
  })
  username!: string;

  @ApiProperty({ minLength: 8, maxLength: 256 })
  @IsString()
  @MinLength(8)
  @MaxLength(256)
  password!: string;

  @ApiPropertyOptional({ enum: ['user', 'admin'], default: 'user' })
  @IsOptional()
  @IsIn(['user', 'admin'])
  role?: UserRole;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'alice' }) username!: string;
  @ApiProperty({ enum: ['user', 'admin'] }) role!: UserRole;
}

export class UserDetailsDto extends UserDto {
  @ApiProperty({ description: 'A disabled user cannot log in; their tokens were revoked' })
  disabled!: boolean;
  @ApiProperty({ example: '2026-11-25T10:00:00.000Z' }) createdAt!: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDetailsDto] }) items!: UserDetailsDto[];
  @ApiProperty({ type: String, nullable: true, description: 'null on the last page' })
  nextCursor!: string | null;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Username prefix', example: 'ali', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ['user', 'admin'] })
  @IsOptional()
  @IsIn(['user', 'admin'])
  role?: UserRole;

  @ApiPropertyOptional({ description: 'true: disable (and revoke every token); false: enable' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class ChangeOwnPasswordDto {
  @ApiProperty({ maxLength: 256 })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  currentPassword!: string;

  @ApiProperty({ minLength: 8, maxLength: 256 })
  @IsString()
  @MinLength(8)
  @MaxLength(256)
  newPassword!: string;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 8, maxLength: 256 })
  @IsString()
  @MinLength(8)
  @MaxLength(256)
  newPassword!: string;
}
