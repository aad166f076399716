import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MEMBER_MODEL, MemberSchema } from '../members/member.schema';
import { MemberTierRepository } from './member-tier.repository';
import { PurchaseEventsHandler } from './purchase-events.handler';
import { QUALIFYING_SPEND_MODEL, QualifyingSpendSchema } from './qualifying-spend.schema';
import { QualifyingSpendRepository } from './qualifying-spend.repository';
import { TIER_CONFIG_MODEL, TierConfigSchema } from './tier-config.schema';
import { TierConfigRepository } from './tier-config.repository';
import { TierProgrammeService } from './tier-programme.service';
import { TierQualificationService } from './tier-qualification.service';
import { TierReviewService } from './tier-review.service';
import { TierStatusService } from './tier-status.service';
import { MemberTierController, TiersController } from './tiers.controller';

/** Tier programme, qualification from purchases, reviews, overrides and tier status. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: MEMBER_MODEL, schema: MemberSchema },
      { name: TIER_CONFIG_MODEL, schema: TierConfigSchema },
      { name: QUALIFYING_SPEND_MODEL, schema: QualifyingSpendSchema },
    ]),
  ],
  controllers: [TiersController, MemberTierController, PurchaseEventsHandler],
  providers: [
    MemberTierRepository,
    QualifyingSpendRepository,
    TierConfigRepository,
    TierProgrammeService,
    TierQualificationService,
    TierReviewService,
    TierStatusService,
  ],
  exports: [TierProgrammeService, TierReviewService, QualifyingSpendRepository],
})
export class TiersModule {}
