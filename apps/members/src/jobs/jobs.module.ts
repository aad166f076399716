import { Module } from '@nestjs/common';
import { MembersFeatureModule } from '../members/members.module';
import { TiersModule } from '../tiers/tiers.module';
import { JobsController } from './jobs.controller';
import { JobsScheduler } from './jobs.scheduler';

/** Birthdays, tier reviews and retention: admin endpoints plus an in-process scheduler. */
@Module({
  imports: [MembersFeatureModule, TiersModule],
  controllers: [JobsController],
  providers: [JobsScheduler],
})
export class JobsModule {}
