import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { UnhandledExceptionBus } from '@nestjs/cqrs';
import type { Subscription } from 'rxjs';

// @nestjs/cqrs routes errors thrown by event handlers here instead of crashing: log them.
@Injectable()
export class UnhandledExceptionLogger implements OnModuleDestroy {
  private readonly logger = new Logger('EventHandlers');
  private readonly subscription: Subscription;

  constructor(bus: UnhandledExceptionBus) {
    this.subscription = bus.subscribe(({ cause, exception }) => {
      const name = (cause as object)?.constructor?.name ?? 'event';
      this.logger.error(`Handler of ${name} failed: ${(exception as Error)?.message ?? exception}`);
    });
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }
}
