import { Global, Module } from '@nestjs/common';
import { UpgradeRouter } from './upgrade-router.js';

@Global()
@Module({ providers: [UpgradeRouter], exports: [UpgradeRouter] })
export class WebsocketModule {}
