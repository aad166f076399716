import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KeyedHasher, PersonalDataCipher } from '@app/common';
import { MembersEnv } from '../config/members.env';
import { MembersErrors } from '../members/members.errors';
import { AccessAuditRepository } from './access-audit.repository';
import { PERSONAL_DATA_ACCESS_MODEL, PersonalDataAccessSchema } from './access-audit.schema';

/** Encryption at rest, blind indexes and the access audit log of personal data. */
@Module({
  imports: [MongooseModule.forFeature([{ name: PERSONAL_DATA_ACCESS_MODEL, schema: PersonalDataAccessSchema }])],
  providers: [
    {
      provide: PersonalDataCipher,
      inject: [MembersEnv],
      useFactory: (env: MembersEnv) =>
        PersonalDataCipher.fromConfig(env.MEMBERS_ENCRYPTION_KEYS, env.MEMBERS_ACTIVE_KEY_ID, MembersErrors.unreadablePersonalData),
    },
    { provide: KeyedHasher, inject: [MembersEnv], useFactory: (env: MembersEnv) => new KeyedHasher(env.MEMBERS_HASH_KEY) },
    AccessAuditRepository,
  ],
  exports: [PersonalDataCipher, KeyedHasher, AccessAuditRepository],
})
export class PrivacyModule {}
