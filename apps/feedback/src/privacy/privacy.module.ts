import { Module } from '@nestjs/common';
import { MemberDataController } from './member-data.controller';

/** What feedback holds about a member, for the platform's data export. */
@Module({ controllers: [MemberDataController] })
export class PrivacyModule {}
