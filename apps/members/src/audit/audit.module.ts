import { Module } from '@nestjs/common';
import { PrivacyModule } from '../privacy/privacy.module';
import { AuditLogController } from './audit-log.controller';
import { AuditLogService } from './audit-log.service';

/** The personal-data access log, read by auditors. */
@Module({ imports: [PrivacyModule], controllers: [AuditLogController], providers: [AuditLogService] })
export class AuditModule {}
