import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { EscalationJobsController } from './escalation.controller';
import { SlaSchedulerService } from './sla-scheduler.service';

/** The SLA scheduler: warnings, breaches, escalation; on a timer and on demand. */
@Module({ imports: [CasesModule], controllers: [EscalationJobsController], providers: [SlaSchedulerService] })
export class EscalationModule {}
