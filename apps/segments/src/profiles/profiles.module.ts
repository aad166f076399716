import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AudienceModule } from '../audience/audience.module';
import { MemberEventsHandler } from './member-events.handler';
import { ProfileEvaluator } from './profile-evaluator.service';
import { ProfilesController } from './profiles.controller';
import { ProfilesRepository } from './profiles.repository';
import {
  MEMBER_PROFILE_MODEL,
  MemberProfileSchema,
  PURCHASE_FACT_MODEL,
  PurchaseFactSchema,
  RECOMPUTE_JOB_MODEL,
  RecomputeJobSchema,
  RETURN_FACT_MODEL,
  ReturnFactSchema,
  RFM_CUTS_MODEL,
  RfmCutsSchema,
} from './profiles.schema';
import { ProfilesService } from './profiles.service';
import { PurchaseEventsHandler } from './purchase-events.handler';
import { RecomputeJobService } from './recompute-job.service';

/** Per-member features, RFM scores and segments, lifecycle stages, from purchase and member events. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: PURCHASE_FACT_MODEL, schema: PurchaseFactSchema },
      { name: RETURN_FACT_MODEL, schema: ReturnFactSchema },
      { name: MEMBER_PROFILE_MODEL, schema: MemberProfileSchema },
      { name: RFM_CUTS_MODEL, schema: RfmCutsSchema },
      { name: RECOMPUTE_JOB_MODEL, schema: RecomputeJobSchema },
    ]),
    AudienceModule,
  ],
  controllers: [ProfilesController, MemberEventsHandler, PurchaseEventsHandler],
  providers: [ProfilesRepository, ProfileEvaluator, ProfilesService, RecomputeJobService],
  exports: [ProfilesRepository],
})
export class ProfilesModule {}
