import {
  BadRequestException,
  Controller,
  Get,
  Headers,
  Injectable,
  Param,
  type PipeTransform,
  Query,
  Res,
} from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Viewer } from '../../common/contracts/users.js';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { CurrentUser } from '../../common/http/auth.decorators.js';
import { DEFAULT_PAGE_SIZE } from '../../common/http/paging.js';
import {
  ListTransactionsQueryDto,
  TransactionDto,
  TransactionPageDto,
} from './dto/transaction.dto.js';
import {
  GetTransactionQuery,
  ListTransactionsQuery,
} from './queries/list-transactions/list-transactions.query.js';
import { transactionsCsv } from './transactions-csv.js';

/** What is used of the HTTP response: its content type and headers. */
interface HttpResponse {
  type(contentType: string): unknown;
  setHeader(name: string, value: string): unknown;
}

@Injectable()
class TransactionIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9]\d{0,8}$/.test(value))
      throw new BadRequestException(['id must be a whole number from 1 to 999999999']);
    return Number(value);
  }
}

@ApiTags('transactions')
@ApiBearerAuth()
@Controller('transactions')
export class TransactionsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary:
      'Transactions on the chargers the caller may see and of their own id tags, newest ' +
      'first, paged. With `Accept: text/csv`, the same page as CSV (the next cursor in the ' +
      '`X-Next-Cursor` header)',
    operationId: 'listTransactions',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: TransactionPageDto })
  @ApiErrors(400, 401)
  async list(
    @CurrentUser() viewer: Viewer,
    @Query() query: ListTransactionsQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<TransactionPageDto | string> {
    const { chargePointId, status, from, to, limit, cursor } = query;
    const page = await this.queries.execute(
      new ListTransactionsQuery(
        viewer,
        {
          chargePointId,
          status,
          from: from ? new Date(from) : undefined,
          to: to ? new Date(to) : undefined,
        },
        limit ?? DEFAULT_PAGE_SIZE,
        cursor,
      ),
    );
    if (!wantsCsv(accept)) return page;
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="transactions.csv"');
    if (page.nextCursor) res.setHeader('X-Next-Cursor', page.nextCursor);
    return transactionsCsv(page.items);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One transaction, with its energy, duration, meter start/stop and stop reason',
    operationId: 'getTransaction',
  })
  @ApiParam({ name: 'id', example: 17 })
  @ApiOkResponse({ type: TransactionDto })
  @ApiErrors(400, 401, 404)
  async get(
    @CurrentUser() viewer: Viewer,
    @Param('id', TransactionIdPipe) id: number,
  ): Promise<TransactionDto> {
    const tx = await this.queries.execute(new GetTransactionQuery(viewer, id));
    if (!tx) throw new NotFoundError(`Transaction ${id} not found`);
    return tx;
  }
}

/** CSV when the client asks for it before (or instead of) JSON. */
function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((t) => t.split(';')[0].trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.indexOf('application/json');
  return csv >= 0 && (json < 0 || csv < json);
}
