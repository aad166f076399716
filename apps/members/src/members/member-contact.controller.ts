import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InternalRoute } from '@app/access';
import { MemberContactService, type MemberContact } from './member-contact.service';

/**
 * Service-to-service routes of the messaging service (internal token, never routed by the
 * gateway): contact details read at send time, and withdrawal of marketing consent by an
 * unsubscribe link.
 */
@ApiExcludeController()
@Controller('v1/internal/members/:memberId')
export class MemberContactController {
  constructor(private readonly contacts: MemberContactService) {}

  @Get('contact')
  @InternalRoute()
  contact(@Param('memberId') memberId: string): Promise<MemberContact> {
    return this.contacts.contact(memberId);
  }

  @Post('consents/marketing/withdrawal')
  @InternalRoute()
  @HttpCode(200)
  withdrawMarketing(@Param('memberId') memberId: string): Promise<{ memberId: string; marketing: false; changed: boolean }> {
    return this.contacts.withdrawMarketing(memberId);
  }
}
