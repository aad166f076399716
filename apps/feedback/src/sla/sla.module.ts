import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SLA_POLICY_MODEL, SlaPolicySchema } from './sla-policy.schema';
import { SlaPolicyRepository } from './sla-policy.repository';
import { SlaPolicyService } from './sla-policy.service';
import { SlaPoliciesController } from './sla-policies.controller';

/** SLA policies per kind and severity (the scheduler lives in escalation/). */
@Module({
  imports: [MongooseModule.forFeature([{ name: SLA_POLICY_MODEL, schema: SlaPolicySchema }])],
  controllers: [SlaPoliciesController],
  providers: [SlaPolicyRepository, SlaPolicyService],
  exports: [SlaPolicyService],
})
export class SlaModule {}
