import { Command } from '@nestjs/cqrs';

/** At start: chargers the database still marks online, but that no process holds, go offline. */
export class MarkOrphanedOfflineCommand extends Command<number> {}
