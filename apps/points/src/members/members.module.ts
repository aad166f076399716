import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MEMBER_REF_MODEL, MemberRefSchema } from './member-ref.schema';
import { MemberRefRepository } from './member-ref.repository';
import { MembersClient } from './members.client';
import { MemberDirectory } from './member-directory.service';
import { MemberEventsController } from './member-events.controller';

/** Members as the points service sees them: ids, tier multiplier, birthday day. */
@Module({
  imports: [MongooseModule.forFeature([{ name: MEMBER_REF_MODEL, schema: MemberRefSchema }])],
  controllers: [MemberEventsController],
  providers: [MemberRefRepository, MembersClient, MemberDirectory],
  exports: [MemberDirectory],
})
export class MembersModule {}
