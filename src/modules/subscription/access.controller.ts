import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { type AccessLevel, OPERATORS, seesPersonalData } from '../../common/contracts/access.js';
import { requireAccess } from '../../common/contracts/require-access.js';
import type { Viewer } from '../../common/contracts/users.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { CurrentUser } from '../../common/http/auth.decorators.js';
import { ChargePointIdPipe } from '../../common/http/param-pipes.js';

export class ChargePointAccessDto {
  @ApiProperty({ example: 'CP_BKK_001' }) chargePointId!: string;
  @ApiProperty({
    enum: ['admin', 'owner', 'operator', 'grantee'],
    description: 'operator: a grantee with an operate grant; grantee: a view grant',
  })
  access!: AccessLevel;
  @ApiProperty({ description: 'May send commands (contract section 5)' }) mayOperate!: boolean;
  @ApiProperty({ description: 'Sees idTags (owner and admins)' }) seesPersonalData!: boolean;
}

// What the caller may do with a charger, so that a client shows only the actions it may take
// (the dashboard hides its command buttons from viewers). Asked again whenever it matters: a
// grant can change at any time, and the command routes check it themselves anyway.
@ApiTags('grants')
@ApiBearerAuth()
@Controller('charge-points/:id/access')
export class AccessController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: "The caller's own access to a charger (owner, grantee, admin)",
    operationId: 'getChargePointAccess',
  })
  @ApiParam({ name: 'id', example: 'CP_BKK_001' })
  @ApiOkResponse({ type: ChargePointAccessDto })
  @ApiErrors(400, 401, 404)
  async get(
    @CurrentUser() viewer: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
  ): Promise<ChargePointAccessDto> {
    const access = await requireAccess(this.queries, viewer, id);
    return {
      chargePointId: id,
      access,
      mayOperate: OPERATORS.includes(access),
      seesPersonalData: seesPersonalData(access),
    };
  }
}
