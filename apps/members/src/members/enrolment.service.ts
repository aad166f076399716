import { randomUUID } from 'node:crypto';
import { MembersErrors } from './members.errors';
import { Injectable } from '@nestjs/common';
import { CONSENT_PURPOSES, type EventEnvelope } from '@app/contracts';
import { Clock, DomainError, EventFactory, requestHash, ValidationFailedError, type Actor } from '@app/common';
import { TierProgrammeService } from '../tiers/tier-programme.service';
import { reviewDateFrom } from '../tiers/tier-rules';
import { generateCardNumber } from './card-number';
import type { EnrolMemberDto } from './dto/member.dto';
import type { MemberResponse } from './dto/member.response';
import { DuplicateIdentifierError, MembersRepository, type DuplicateIdentifier } from './members.repository';
import type { ConsentHistoryEntry, ConsentRecord, Member } from './member.schema';
import { toMemberResponse } from './member-view';
import { PersonalDataCodec } from './personal-data.codec';

const CARD_ATTEMPTS = 5;
/** Identifiers of the database's own making: never the client's collision to report. */
const INTERNAL_IDENTIFIERS: readonly DuplicateIdentifier[] = ['cardNumber', 'enrolmentKey'];

export function duplicateError(identifiers: DuplicateIdentifier[]): DomainError {
  const shown = identifiers.filter((i) => !INTERNAL_IDENTIFIERS.includes(i));
  return MembersErrors.duplicateIdentifier(shown);
}

export interface EnrolmentOutcome {
  /** True when this answers a retry with the member its first attempt created. */
  replayed: boolean;
  result: MemberResponse;
}

/** A retry guard: the caller-scoped Idempotency-Key and the hash of the body sent with it. */
interface RetryGuard {
  key: string;
  requestHash: string;
}

/** Enrolment from a store, the web or the app: one atomic insert of the member and its events. */
@Injectable()
export class EnrolmentService {
  constructor(
    private readonly members: MembersRepository,
    private readonly codec: PersonalDataCodec,
    private readonly tiers: TierProgrammeService,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  /**
   * Enrol once per Idempotency-Key (when given): the key, scoped to the caller, and the body hash
   * are stored on the member in the same insert, so a retry finds the member its first attempt
   * created and gets the same answer; the same key with another body is refused (422).
   */
  async enrol(dto: EnrolMemberDto, actor: Actor, idempotencyKey?: string): Promise<EnrolmentOutcome> {
    const guard: RetryGuard | null =
      idempotencyKey === undefined ? null : { key: `${actor.role}:${actor.id}:${idempotencyKey}`, requestHash: requestHash(dto) };
    const earlier = await this.replayed(guard);
    if (earlier) return earlier;
    if (actor.role === 'customer' && dto.channel === 'store') {
      throw new ValidationFailedError([{ field: 'channel', rule: 'isIn', message: 'customers enrol through web or app' }]);
    }
    if (dto.memberClass !== 'corporate' && dto.organisationId !== undefined) {
      throw new ValidationFailedError([{ field: 'organisationId', rule: 'onlyForCorporate', message: 'organisationId is only for corporate members' }]);
    }
    const now = this.clock.now();
    if (dto.birthday && !(Date.parse(`${dto.birthday}T00:00:00Z`) <= now.getTime())) {
      throw new ValidationFailedError([{ field: 'birthday', rule: 'isPastDate', message: 'birthday must be a real date in the past' }]);
    }
    const phone = this.codec.phone(dto.phone);
    const email = dto.email === undefined ? undefined : this.codec.email(dto.email);
    const phoneHash = this.codec.phoneHash(phone);
    const emailHash = email === undefined ? undefined : this.codec.emailHash(email);
    const taken = await this.members.takenIdentifiers({ phoneHash, emailHash });
    if (taken.length) {
      // A retry racing its first attempt sees its own member's phone: answer as the first did.
      const first = await this.replayed(guard);
      if (first) return first;
      throw duplicateError(taken);
    }

    const programme = await this.tiers.current();
    const lowest = programme.tiers[0];
    const memberId = randomUUID();
    const consents: Member['consents'] = {};
    const consentHistory: ConsentHistoryEntry[] = [];
    for (const purpose of CONSENT_PURPOSES) {
      const record: ConsentRecord = {
        granted: dto.consents[purpose].granted,
        at: now,
        channel: dto.channel,
        policyVersion: dto.consents[purpose].policyVersion,
      };
      consents[purpose] = record;
      consentHistory.push({ ...record, purpose, actorId: actor.id, actorRole: actor.role });
    }
    const plain = { name: dto.name.trim(), phone, email, birthday: dto.birthday };
    const base: Omit<Member, 'cardNumber'> = {
      _id: memberId,
      status: 'active',
      channel: dto.channel,
      memberClass: dto.memberClass,
      organisationId: dto.organisationId ?? null,
      preferredStoreId: dto.preferredStoreId,
      personal: this.codec.seal(memberId, plain),
      phoneHash,
      ...(emailHash ? { emailHash } : {}),
      ...(dto.birthday ? { birthdayMdHash: this.codec.birthdayHash(dto.birthday.slice(5)) } : {}),
      consents,
      consentHistory,
      changeHistory: [],
      tier: { code: lowest.code, since: now, reviewDate: reviewDateFrom(programme.qualification, now), floorCode: lowest.code, override: null },
      qualifyingSpendMinor: 0,
      tierHistory: [{ from: '', to: lowest.code, reason: 'enrolment', at: now, by: actor.id }],
      enrolledAt: now,
      lastActivityAt: now,
      updatedAt: now,
      erasedAt: null,
      ...(guard ? { enrolmentKey: guard.key, enrolmentRequestHash: guard.requestHash } : {}),
    };
    const events: EventEnvelope[] = [
      this.events.create('member.enrolled.v1', {
        memberId,
        channel: dto.channel,
        memberClass: dto.memberClass,
        tier: lowest.code,
        preferredStoreId: dto.preferredStoreId,
        enrolledAt: now.toISOString(),
      }),
      ...CONSENT_PURPOSES.map((purpose) =>
        this.events.create('member.consent.changed.v1', {
          memberId,
          purpose,
          granted: consents[purpose]!.granted,
          policyVersion: consents[purpose]!.policyVersion,
          changedAt: now.toISOString(),
        }),
      ),
    ];
    for (let attempt = 1; ; attempt++) {
      const member: Member = { ...base, cardNumber: generateCardNumber() };
      try {
        await this.members.insert(member, events);
        // The enrolling caller sees the new card number; personal fields only unmasked for the customer themself.
        return { replayed: false, result: toMemberResponse(member, plain, false) };
      } catch (err) {
        if (!(err instanceof DuplicateIdentifierError)) throw err;
        // A racing attempt with the same key won: answer as it did.
        const winner = await this.replayed(guard);
        if (winner) return winner;
        const personal = err.identifiers.filter((i) => !INTERNAL_IDENTIFIERS.includes(i));
        if (personal.length) throw duplicateError(personal);
        if (attempt >= CARD_ATTEMPTS) throw MembersErrors.cardNumberExhausted();
      }
    }
  }

  /** The answer to a retry of an enrolment that already happened under this guard, if any. */
  private async replayed(guard: RetryGuard | null): Promise<EnrolmentOutcome | null> {
    if (!guard) return null;
    const member = await this.members.findByEnrolmentKey(guard.key);
    if (!member) return null;
    if (member.enrolmentRequestHash !== guard.requestHash) throw MembersErrors.idempotencyKeyReused();
    return { replayed: true, result: toMemberResponse(member, this.codec.open(member._id, member.personal), false) };
  }
}
