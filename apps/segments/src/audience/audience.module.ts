import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AUDIENCE_MEMBER_MODEL, AudienceMemberSchema } from './audience.schema';
import { AudienceRepository } from './audience.repository';
import { ConsentProjection } from './consent-projection.service';
import { MemberEventsController } from './member-events.controller';

/** Members as campaigns see them: ids, marketing consent, erased or not. */
@Module({
  imports: [MongooseModule.forFeature([{ name: AUDIENCE_MEMBER_MODEL, schema: AudienceMemberSchema }])],
  controllers: [MemberEventsController],
  providers: [AudienceRepository, ConsentProjection],
  exports: [ConsentProjection, AudienceRepository],
})
export class AudienceModule {}
