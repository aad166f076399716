import { Module } from '@nestjs/common';
import { MembersClient } from './members.client';

/** Reaching the members service, owner of contact details and consent. */
@Module({ providers: [MembersClient], exports: [MembersClient] })
export class ContactsModule {}
