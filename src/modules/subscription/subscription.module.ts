import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  AddGrantHandler,
  ForgetSubscriptionHandler,
  RememberSubscriptionHandler,
  RemoveGrantHandler,
} from './commands/grants.handlers.js';
import { AccessController } from './access.controller.js';
import { GrantsController } from './grants.controller.js';
import { GrantEntity } from './persistence/grant.entity.js';
import { UserSubscriptionEntity } from './persistence/user-subscription.entity.js';
import {
  GetChargePointAccessHandler,
  ListChargePointWatchersHandler,
  ListVisibleChargePointIdsHandler,
} from './queries/access.handlers.js';
import {
  ListRememberedSubscriptionsHandler,
  ListSubscriptionsHandler,
  GetSubscriptionHandler,
} from './queries/list-subscriptions.js';
import { SubscriptionsController } from './subscriptions.controller.js';
import { ListGrantsHandler } from './queries/list-grants.js';

export const subscriptionEntities = [GrantEntity, UserSubscriptionEntity];

const commandHandlers = [
  AddGrantHandler,
  RemoveGrantHandler,
  RememberSubscriptionHandler,
  ForgetSubscriptionHandler,
];
const queryHandlers = [
  GetChargePointAccessHandler,
  ListVisibleChargePointIdsHandler,
  ListChargePointWatchersHandler,
  ListSubscriptionsHandler,
  GetSubscriptionHandler,
  ListRememberedSubscriptionsHandler,
  ListGrantsHandler,
];

@Module({
  imports: [TypeOrmModule.forFeature(subscriptionEntities)],
  controllers: [GrantsController, SubscriptionsController, AccessController],
  providers: [...commandHandlers, ...queryHandlers],
})
export class SubscriptionModule {}
