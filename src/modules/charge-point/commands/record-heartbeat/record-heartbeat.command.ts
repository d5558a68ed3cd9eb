import { Command } from '@nestjs/cqrs';

export class RecordHeartbeatCommand extends Command<void> {
  constructor(
    readonly chargePointId: string,
    readonly at: Date,
  ) {
    super();
  }
}
