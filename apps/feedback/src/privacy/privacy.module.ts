import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { MemberDataController } from './member-data.controller';
import { MemberEventsHandler } from './member-events.handler';

/** What feedback holds about a member: the data export, and erasure on member.erased. */
@Module({ imports: [CasesModule], controllers: [MemberDataController, MemberEventsHandler] })
export class PrivacyModule {}
