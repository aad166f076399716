import { Injectable, Logger } from '@nestjs/common';
import { MembersRepository } from './members.repository';
import { PersonalDataCodec } from './personal-data.codec';

const PAGE = 200;

/**
 * Key rotation, second half: after MEMBERS_ACTIVE_KEY_ID names a new key, re-encrypt personal
 * fields still sealed under an old key, so the old key can eventually be removed from the config.
 */
@Injectable()
export class PersonalDataRekeyService {
  private readonly logger = new Logger(PersonalDataRekeyService.name);

  constructor(
    private readonly members: MembersRepository,
    private readonly codec: PersonalDataCodec,
  ) {}

  async reencryptAll(): Promise<{ scanned: number; reencrypted: number; skipped: number }> {
    const counts = { scanned: 0, reencrypted: 0, skipped: 0 };
    let after: string | null = null;
    for (;;) {
      const page = await this.members.sealedPage(after, PAGE);
      if (page.length === 0) break;
      for (const m of page) {
        counts.scanned += 1;
        if (!this.codec.needsReseal(m.personal)) continue;
        const resealed = this.codec.seal(m._id, this.codec.open(m._id, m.personal));
        // Changed meanwhile (a profile update re-seals under the active key anyway): skip.
        if (await this.members.replaceSealed(m._id, m.personal, resealed)) counts.reencrypted += 1;
        else counts.skipped += 1;
      }
      after = page[page.length - 1]._id;
    }
    if (counts.reencrypted) this.logger.log({ msg: 'personal data re-encrypted under the active key', ...counts });
    return counts;
  }
}
