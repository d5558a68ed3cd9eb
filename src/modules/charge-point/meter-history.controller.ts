import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { requireAccess } from '../../common/contracts/require-access.js';
import type { Viewer } from '../../common/contracts/users.js';
import { InvalidInputError } from '../../common/errors/domain-error.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { CurrentUser } from '../../common/http/auth.decorators.js';
import { ChargePointIdPipe } from '../../common/http/param-pipes.js';
import {
  BUCKETS,
  MAX_BUCKETS,
  MeterHistoryDto,
  MeterHistoryQueryDto,
} from './dto/meter-history.dto.js';
import { MeterHistoryQuery } from './queries/meter-history/meter-history.handler.js';

const DAY_MS = 86_400_000;

@ApiTags('charge-points')
@ApiBearerAuth()
@Controller('charge-points/:id/meter-values')
export class MeterHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary:
      'A time series for charts (anyone who may see the charger): per connector and bucket ' +
      `(1m, 15m, 1h, 1d), average powerW and last energyWh, over [from, to); at most ` +
      `${MAX_BUCKETS} buckets per connector`,
    operationId: 'getMeterHistory',
  })
  @ApiParam({ name: 'id', example: 'CP_BKK_001' })
  @ApiOkResponse({ type: MeterHistoryDto })
  @ApiErrors(400, 401, 404)
  async history(
    @CurrentUser() viewer: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Query() query: MeterHistoryQueryDto,
  ): Promise<MeterHistoryDto> {
    await requireAccess(this.queries, viewer, id);
    const bucket = query.bucket ?? '15m';
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DAY_MS);
    if (from >= to) throw new InvalidInputError('from must be before to');
    const bucketS = BUCKETS[bucket];
    if ((to.getTime() - from.getTime()) / (bucketS * 1000) > MAX_BUCKETS)
      throw new InvalidInputError(
        `from..to spans more than ${MAX_BUCKETS} buckets of ${bucket}: take a larger bucket`,
      );
    const items = await this.queries.execute(
      new MeterHistoryQuery(id, query.connectorId, from, to, bucketS),
    );
    return {
      chargePointId: id,
      bucket,
      from: from.toISOString(),
      to: to.toISOString(),
      items,
    };
  }
}
