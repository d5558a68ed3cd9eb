import { ApiProperty } from '@nestjs/swagger';

export class ErrorResponseDto {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['username is required', 'password must be longer than or equal to 8 characters'],
    description: 'What went wrong; for validation errors, one entry per offending field',
  })
  message!: string | string[];
}
