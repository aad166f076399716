import { Module } from '@nestjs/common';
import { ProxyModule } from '../proxy/proxy.module';
import { MemberExportController } from './member-export.controller';
import { MemberExportService } from './member-export.service';

/** The member's data export, gathered from every service. */
@Module({ imports: [ProxyModule], controllers: [MemberExportController], providers: [MemberExportService] })
export class ExportModule {}
