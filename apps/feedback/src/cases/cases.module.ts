import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KeyedHasher, PersonalDataCipher } from '@app/common';
import { FeedbackEnv } from '../config/feedback.env';
import { SlaModule } from '../sla/sla.module';
import { FaqModule } from '../faq/faq.module';
import { TextModule } from '../text/text.module';
import { CASE_MODEL, CaseSchema } from './case.schema';
import { CaseIntakeService } from './case-intake.service';
import { CaseMutator } from './case-mutator';
import { CaseQueryService } from './case-query.service';
import { CaseResolutionService } from './case-resolution.service';
import { CaseWorkflowService } from './case-workflow.service';
import { CasesController } from './cases.controller';
import { CasesErrors } from './cases.errors';
import { CasesRepository } from './cases.repository';
import { ContactCodec } from './contact.codec';
import { ContactErasureService } from './contact-erasure.service';
import { MyCasesController } from './my-cases.controller';
import { CouponOutcomeHandler } from './coupon-outcome.handler';

/** Cases: intake, status flow, assignment, escalation, resolution with compensation, erasure. */
@Module({
  imports: [MongooseModule.forFeature([{ name: CASE_MODEL, schema: CaseSchema }]), SlaModule, TextModule, FaqModule],
  controllers: [CasesController, MyCasesController, CouponOutcomeHandler],
  providers: [
    {
      provide: PersonalDataCipher,
      inject: [FeedbackEnv],
      useFactory: (env: FeedbackEnv) => PersonalDataCipher.fromConfig(env.FEEDBACK_ENCRYPTION_KEYS, env.FEEDBACK_ACTIVE_KEY_ID, CasesErrors.unreadableContact),
    },
    { provide: KeyedHasher, inject: [FeedbackEnv], useFactory: (env: FeedbackEnv) => new KeyedHasher(env.FEEDBACK_HASH_KEY) },
    ContactCodec,
    CasesRepository,
    CaseMutator,
    CaseIntakeService,
    CaseWorkflowService,
    CaseResolutionService,
    CaseQueryService,
    ContactErasureService,
  ],
  exports: [CasesRepository, CaseMutator, CaseIntakeService, CaseQueryService, ContactErasureService, ContactCodec],
})
export class CasesModule {}
