import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AUDIENCE_MEMBER_MODEL, AudienceMemberSchema } from './audience.schema';
import { AudienceRepository } from './audience.repository';
import { ConsentProjection } from './consent-projection.service';

/** Members as campaigns and profiles see them: ids, consents, tier, store, erased or not (kept from member events by profiles/member-events.handler.ts). */
@Module({
  imports: [MongooseModule.forFeature([{ name: AUDIENCE_MEMBER_MODEL, schema: AudienceMemberSchema }])],
  providers: [AudienceRepository, ConsentProjection],
  exports: [ConsentProjection, AudienceRepository],
})
export class AudienceModule {}
