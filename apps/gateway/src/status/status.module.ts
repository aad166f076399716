import { Module } from '@nestjs/common';
import { ProxyModule } from '../proxy/proxy.module';
import { MemberStatusController } from './member-status.controller';
import { MemberStatusService } from './member-status.service';

/** Aggregated views over several services. */
@Module({
  imports: [ProxyModule],
  controllers: [MemberStatusController],
  providers: [MemberStatusService],
})
export class StatusModule {}
