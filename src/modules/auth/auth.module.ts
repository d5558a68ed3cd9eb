import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from './user.entity.js';

// Users, login, JWT and guards arrive with the REST API issue; the table exists from the start.
@Module({ imports: [TypeOrmModule.forFeature([UserEntity])] })
export class AuthModule {}
