import { Command } from '@nestjs/cqrs';
import type { BootFacts } from '../../domain/charger.js';

/** What a charger says of itself at boot, whatever its OCPP version (each edge maps into it). */
export type BootInfo = BootFacts;

export class RecordBootNotificationCommand extends Command<void> {
  constructor(
    readonly chargePointId: string,
    readonly boot: BootInfo,
  ) {
    super();
  }
}
