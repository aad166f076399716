import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MembersEnv } from '../config/members.env';
import { AccessAuditRepository } from './access-audit.repository';
import { PERSONAL_DATA_ACCESS_MODEL, PersonalDataAccessSchema } from './access-audit.schema';
import { KeyedHasher } from './keyed-hash';
import { PersonalDataCipher } from './personal-data-cipher';

/** Encryption at rest, blind indexes and the access audit log of personal data. */
@Module({
  imports: [MongooseModule.forFeature([{ name: PERSONAL_DATA_ACCESS_MODEL, schema: PersonalDataAccessSchema }])],
  providers: [
    { provide: PersonalDataCipher, inject: [MembersEnv], useFactory: (env: MembersEnv) => PersonalDataCipher.fromConfig(env.MEMBERS_ENCRYPTION_KEYS, env.MEMBERS_ACTIVE_KEY_ID) },
    { provide: KeyedHasher, inject: [MembersEnv], useFactory: (env: MembersEnv) => new KeyedHasher(env.MEMBERS_HASH_KEY) },
    AccessAuditRepository,
  ],
  exports: [PersonalDataCipher, KeyedHasher, AccessAuditRepository],
})
export class PrivacyModule {}
