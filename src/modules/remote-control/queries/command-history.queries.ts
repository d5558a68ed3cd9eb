import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';
import { decodeCursor, type Page, toPage } from '../../../common/http/paging.js';
import type { CommandRecordDto, ConfigurationDto } from '../dto/command.dto.js';
import { CommandRecordEntity } from '../persistence/command-record.entity.js';
import { ConfigurationSettingEntity } from '../persistence/configuration-setting.entity.js';

/** A charger's commands, newest first; idTags only for those who see personal data. */
export class ListCommandsQuery extends Query<Page<CommandRecordDto>> {
  constructor(
    readonly chargePointId: string,
    readonly showIdTags: boolean,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}

@QueryHandler(ListCommandsQuery)
export class ListCommandsHandler implements IQueryHandler<ListCommandsQuery> {
  constructor(
    @InjectRepository(CommandRecordEntity)
    private readonly records: Repository<CommandRecordEntity>,
  ) {}

  async execute({ chargePointId, showIdTags, limit, cursor }: ListCommandsQuery) {
    const q = this.records
      .createQueryBuilder('c')
      .where('c.charge_point_id = :chargePointId', { chargePointId })
      .orderBy('c.requested_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(limit + 1);
    if (cursor) {
      const [at, id] = decodeCursor(cursor, 2) as [string, string];
      const before = new Date(at);
      q.andWhere(
        new Brackets((w) =>
          w
            .where('c.requested_at < :before', { before })
            .orWhere('c.requested_at = :before AND c.id < :id', { before, id }),
        ),
      );
    }
    const rows = await q.getMany();
    return toPage(
      rows,
      limit,
      (r) => [r.requestedAt.toISOString(), r.id],
      (r): CommandRecordDto => ({
        commandId: r.id,
        command: r.command,
        params: showIdTags || !('idTag' in r.params) ? r.params : { ...r.params, idTag: null },
        status: r.status,
        response: r.response ?? null,
        error: r.error,
        requestedBy: r.requestedBy,
        requestedAt: r.requestedAt.toISOString(),
        completedAt: r.completedAt?.toISOString() ?? null,
      }),
    );
  }
}

/** A charger's last known configuration. */
export class GetConfigurationQuery extends Query<ConfigurationDto> {
  constructor(readonly chargePointId: string) {
    super();
  }
}

@QueryHandler(GetConfigurationQuery)
export class GetConfigurationHandler implements IQueryHandler<GetConfigurationQuery> {
  constructor(
    @InjectRepository(ConfigurationSettingEntity)
    private readonly settings: Repository<ConfigurationSettingEntity>,
  ) {}

  async execute({ chargePointId }: GetConfigurationQuery): Promise<ConfigurationDto> {
    const rows = await this.settings.find({ where: { chargePointId }, order: { key: 'ASC' } });
    const latest = Math.max(...rows.map((r) => r.updatedAt.getTime()));
    return {
      items: rows.map((r) => ({ key: r.key, value: r.value, readonly: r.readonly })),
      readAt: rows.length ? new Date(latest).toISOString() : null,
    };
  }
}
