import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PrivacyModule } from '../privacy/privacy.module';
import { TiersModule } from '../tiers/tiers.module';
import { BirthdayService } from './birthday.service';
import { EnrolmentService } from './enrolment.service';
import { MemberConsentService } from './member-consent.service';
import { MemberErasureService } from './member-erasure.service';
import { MemberProfileService } from './member-profile.service';
import { MEMBER_MODEL, MemberSchema } from './member.schema';
import { MemberDataController } from './member-data.controller';
import { MemberContactController } from './member-contact.controller';
import { MemberContactService } from './member-contact.service';
import { MembersController } from './members.controller';
import { MembersRepository } from './members.repository';
import { PersonalDataCodec } from './personal-data.codec';
import { PersonalDataRekeyService } from './personal-data-rekey.service';

/** Enrolment, lookup, profile, consent, export and erasure of members. */
@Module({
  imports: [MongooseModule.forFeature([{ name: MEMBER_MODEL, schema: MemberSchema }]), PrivacyModule, TiersModule],
  controllers: [MembersController, MemberDataController, MemberContactController],
  providers: [
    MembersRepository,
    PersonalDataCodec,
    EnrolmentService,
    MemberProfileService,
    MemberConsentService,
    MemberErasureService,
    BirthdayService,
    PersonalDataRekeyService,
    MemberContactService,
  ],
  exports: [BirthdayService, MemberErasureService, PersonalDataRekeyService],
})
export class MembersFeatureModule {}
