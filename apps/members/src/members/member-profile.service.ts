import { Injectable } from '@nestjs/common';
import { MembersErrors } from './members.errors';
import type { MemberUpdatableField } from '@app/contracts';
import { Clock, EventFactory, ValidationFailedError, type Actor } from '@app/common';
import { AccessAuditRepository } from '../privacy/access-audit.repository';
import { QualifyingSpendRepository } from '../tiers/qualifying-spend.repository';
import { assertStoreScope, decideView } from '../access/member-access';
import type { ResolveQuery, UpdateMemberDto } from './dto/member.dto';
import type { AccessLogResponse, ChangeHistoryResponse, MemberExportResponse, MemberResponse, ResolveResponse } from './dto/member.response';
import { duplicateError } from './enrolment.service';
import { DuplicateIdentifierError, MembersRepository } from './members.repository';
import { PERSONAL_FIELDS, type Member } from './member.schema';
import { toMemberResponse } from './member-view';
import { PersonalDataCodec, type PlainPersonalData } from './personal-data.codec';

export interface ViewRequest {
  view?: 'masked' | 'full';
  reason?: string;
}

/** Reads (masked or audited-unmasked), lookups by identifier, profile updates with history, export. */
@Injectable()
export class MemberProfileService {
  constructor(
    private readonly members: MembersRepository,
    private readonly codec: PersonalDataCodec,
    private readonly audit: AccessAuditRepository,
    private readonly spend: QualifyingSpendRepository,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async get(memberId: string, actor: Actor, request: ViewRequest): Promise<MemberResponse> {
    const member = await this.members.findById(memberId);
    if (!member) throw MembersErrors.notFound();
    return this.present(member, actor, request, 'read');
  }

  /** Staff lookup by card number, phone or email (exactly one). */
  async lookup(query: ResolveQuery, actor: Actor, request: ViewRequest): Promise<MemberResponse> {
    const member = await this.findByIdentifier(query);
    if (!member) throw MembersErrors.notFound();
    if (actor.role === 'customer' && actor.memberId !== member._id) throw MembersErrors.notFound();
    return this.present(member, actor, request, 'lookup');
  }

  /**
   * POS and services: who is this card/phone/email, and their tier. Nothing personal in the answer.
   * `actor` is null for a service calling with only the internal token. A phone that cannot be a
   * number is simply not found (the till then treats the sale as anonymous).
   */
  async resolve(query: ResolveQuery, actor: Actor | null): Promise<ResolveResponse> {
    const member = await this.findByIdentifier(query, { lenientPhone: true });
    if (!member || (actor?.role === 'customer' && actor.memberId !== member._id)) throw MembersErrors.notFound();
    return { memberId: member._id, tier: member.tier.code };
  }

  async update(memberId: string, dto: UpdateMemberDto, actor: Actor): Promise<MemberResponse> {
    const member = await this.members.findById(memberId);
    if (!member || member.status !== 'active') throw MembersErrors.notFound();
    if (actor.role === 'store_manager') assertStoreScope(actor, member.preferredStoreId);
    const fields = (Object.keys(dto) as MemberUpdatableField[]).filter((f) => dto[f] !== undefined);
    if (fields.length === 0) throw new ValidationFailedError([{ field: '', rule: 'atLeastOneField', message: 'give at least one field to change' }]);
    const memberClass = dto.memberClass ?? member.memberClass;
    const organisationId = dto.organisationId ?? (dto.memberClass && dto.memberClass !== 'corporate' ? null : member.organisationId);
    if (memberClass === 'corporate' && !organisationId)
      throw new ValidationFailedError([{ field: 'organisationId', rule: 'requiredForCorporate', message: 'corporate members need an organisationId' }]);
    if (memberClass !== 'corporate' && dto.organisationId !== undefined)
      throw new ValidationFailedError([{ field: 'organisationId', rule: 'onlyForCorporate', message: 'organisationId is only for corporate members' }]);
    const now = this.clock.now();
    if (dto.birthday && !(Date.parse(`${dto.birthday}T00:00:00Z`) <= now.getTime())) {
      throw new ValidationFailedError([{ field: 'birthday', rule: 'isPastDate', message: 'birthday must be a real date in the past' }]);
    }

    const plain: PlainPersonalData = {};
    const set: Record<string, unknown> = {};
    if (dto.name !== undefined) plain.name = dto.name.trim();
    if (dto.birthday !== undefined) {
      plain.birthday = dto.birthday;
      set.birthdayMdHash = this.codec.birthdayHash(dto.birthday.slice(5));
    }
    if (dto.phone !== undefined) {
      plain.phone = this.codec.phone(dto.phone);
      set.phoneHash = this.codec.phoneHash(plain.phone);
    }
    if (dto.email !== undefined) {
      plain.email = this.codec.email(dto.email);
      set.emailHash = this.codec.emailHash(plain.email);
    }
    const taken = await this.members.takenIdentifiers(
      { phoneHash: set.phoneHash as string | undefined, emailHash: set.emailHash as string | undefined },
      memberId,
    );
    if (taken.length) throw duplicateError(taken);
    for (const [field, sealed] of Object.entries(this.codec.seal(memberId, plain))) set[`personal.${field}`] = sealed;
    if (dto.preferredStoreId !== undefined) set.preferredStoreId = dto.preferredStoreId;
    if (dto.memberClass !== undefined) set.memberClass = dto.memberClass;
    if (dto.organisationId !== undefined || dto.memberClass !== undefined) set.organisationId = organisationId;

    const event = this.events.create('member.updated.v1', { memberId, fields, actorRole: actor.role, actorId: actor.id, updatedAt: now.toISOString() });
    try {
      const ok = await this.members.updateProfile(memberId, set, [], { fields, actorId: actor.id, actorRole: actor.role, at: now }, [event]);
      if (!ok) throw MembersErrors.notFound();
    } catch (err) {
      if (err instanceof DuplicateIdentifierError) throw duplicateError(err.identifiers);
      throw err;
    }
    const updated = await this.members.findById(memberId);
    return this.present(updated!, actor, {}, 'read');
  }

  async changeHistory(memberId: string): Promise<ChangeHistoryResponse> {
    const member = await this.members.findById(memberId);
    if (!member) throw MembersErrors.notFound();
    return {
      memberId,
      items: member.changeHistory.map((h) => ({ fields: h.fields, actorId: h.actorId, actorRole: h.actorRole, at: new Date(h.at).toISOString() })),
    };
  }

  async accessLog(memberId: string): Promise<AccessLogResponse> {
    const rows = await this.audit.listForMember(memberId);
    return {
      memberId,
      items: rows.map((r) => ({
        actorId: r.actorId,
        actorRole: r.actorRole,
        action: r.action,
        fields: r.fields,
        reason: r.reason,
        at: new Date(r.at).toISOString(),
      })),
    };
  }

  /** Right of access / portability: everything held about the member, unmasked, audited. */
  async export(memberId: string, actor: Actor, reason: string | undefined): Promise<MemberExportResponse> {
    const member = await this.members.findById(memberId);
    if (!member) throw MembersErrors.notFound();
    if (member.status === 'erased') throw MembersErrors.erased();
    const view = decideView(actor, member, { view: 'full', reason });
    const plain = this.codec.open(memberId, member.personal);
    if (view.unmasked) await this.recordAccess(member, actor, 'export', plain, view.reason);
    const spend = await this.spend.listForMember(memberId);
    return {
      exportedAt: this.clock.now().toISOString(),
      member: toMemberResponse(member, plain, true),
      consentHistory: member.consentHistory.map((c) => ({
        purpose: c.purpose,
        granted: c.granted,
        at: new Date(c.at).toISOString(),
        channel: c.channel,
        policyVersion: c.policyVersion,
        actorRole: c.actorRole,
      })),
      changeHistory: member.changeHistory.map((h) => ({ fields: h.fields, actorRole: h.actorRole, at: new Date(h.at).toISOString() })),
      tierHistory: member.tierHistory.map((h) => ({ from: h.from, to: h.to, reason: h.reason, at: new Date(h.at).toISOString() })),
      qualifyingSpend: spend.map((s) => ({
        kind: s.kind,
        purchaseId: s.purchaseId,
        amountMinor: s.amountMinor,
        currency: s.currency,
        at: new Date(s.countsAt).toISOString(),
      })),
    };
  }

  private async findByIdentifier(query: ResolveQuery, options: { lenientPhone?: boolean } = {}): Promise<Member | null> {
    const given = (['memberId', 'cardNumber', 'phone', 'email'] as const).filter((k) => query[k] !== undefined);
    if (given.length !== 1) {
      throw new ValidationFailedError([
        { field: 'memberId|cardNumber|phone|email', rule: 'exactlyOne', message: 'give exactly one of memberId, cardNumber, phone, email' },
      ]);
    }
    if (query.memberId !== undefined) {
      const member = await this.members.findById(query.memberId);
      return member?.status === 'active' ? member : null;
    }
    if (query.cardNumber !== undefined) return this.members.findActiveBy({ cardNumber: query.cardNumber });
    if (query.phone !== undefined) {
      const phone = options.lenientPhone ? this.codec.tryPhone(query.phone) : this.codec.phone(query.phone);
      return phone ? this.members.findActiveBy({ phoneHash: this.codec.phoneHash(phone) }) : null;
    }
    return this.members.findActiveBy({ emailHash: this.codec.emailHash(query.email!) });
  }

  private async present(member: Member, actor: Actor, request: ViewRequest, action: string): Promise<MemberResponse> {
    const view = decideView(actor, member, request);
    const plain = this.codec.open(member._id, member.personal);
    if (view.unmasked) await this.recordAccess(member, actor, action, plain, view.reason);
    return toMemberResponse(member, plain, view.unmasked);
  }

  /** Every unmasked read is written to the access log before the data leaves the service. */
  private async recordAccess(member: Member, actor: Actor, action: string, plain: PlainPersonalData, reason: string): Promise<void> {
    const fields = PERSONAL_FIELDS.filter((f) => plain[f] !== undefined);
    if (fields.length === 0) return;
    await this.audit.record({ memberId: member._id, actorId: actor.id, actorRole: actor.role, action, fields: [...fields], reason, at: this.clock.now() });
  }
}
