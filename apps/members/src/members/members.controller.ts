import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER, parseIdempotencyKey, type Actor } from '@app/common';
import { RequirePermission } from '@app/access';
import { OptionalActor } from '../access/optional-actor.decorator';
import { ChangeConsentDto, EnrolMemberDto, LookupQuery, ReadMemberQuery, ResolveQuery, UpdateMemberDto } from './dto/member.dto';
import { AccessLogResponse, ChangeHistoryResponse, ConsentsView, ErasureResponse, MemberResponse, ResolveResponse } from './dto/member.response';
import { EnrolmentService } from './enrolment.service';
import { MemberConsentService } from './member-consent.service';
import { MemberErasureService } from './member-erasure.service';
import { MemberProfileService } from './member-profile.service';

const REASON_HEADER = 'x-access-reason';

@ApiTags('members')
@ApiHeader({ name: REASON_HEADER, required: false, description: 'Why personal data is read unmasked (required for staff unmasked reads)' })
@Controller('v1/members')
export class MembersController {
  constructor(
    private readonly enrolment: EnrolmentService,
    private readonly profiles: MemberProfileService,
    private readonly consents: MemberConsentService,
    private readonly erasure: MemberErasureService,
  ) {}

  @Post()
  @RequirePermission('members.enrol')
  @ApiOperation({
    summary:
      'Enrol a member (store, web or app); 409 MEMBERS.DUPLICATE_IDENTIFIER names the colliding identifier. Retry-safe with an Idempotency-Key: the same key and body replay the first 201 answer (header idempotent-replayed: true); the same key with another body is 422 MEMBERS.IDEMPOTENCY_KEY_REUSED.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Client-chosen key (1-128 visible ASCII characters, per caller) that makes a retry after a timeout safe: the same key and body replay the first answer',
  })
  @ApiCreatedResponse({
    type: MemberResponse,
    description: 'Enrolled; or, with idempotent-replayed: true, the answer to an earlier attempt with the same Idempotency-Key',
  })
  async enrol(
    @CurrentActor() actor: Actor,
    @Body() body: EnrolMemberDto,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MemberResponse> {
    const outcome = await this.enrolment.enrol(body, actor, parseIdempotencyKey(idempotencyKey));
    if (outcome.replayed) res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
    return outcome.result;
  }

  @Get('resolve')
  @RequirePermission('members.resolve', { alsoInternal: true })
  @ApiOperation({
    summary:
      'Member id and tier by card number, phone or email (exactly one); 404 MEMBERS.NOT_FOUND. Services may call it with the internal token and no actor.',
  })
  @ApiOkResponse({ type: ResolveResponse })
  resolve(@OptionalActor() actor: Actor | null, @Query() query: ResolveQuery): Promise<ResolveResponse> {
    return this.profiles.resolve(query, actor);
  }

  @Get('lookup')
  @RequirePermission('members.lookup')
  @ApiOperation({ summary: 'Staff lookup of a profile by card number, phone or email (masked unless view=full with a reason)' })
  @ApiOkResponse({ type: MemberResponse })
  lookup(@CurrentActor() actor: Actor, @Query() query: LookupQuery, @Headers(REASON_HEADER) reason?: string): Promise<MemberResponse> {
    const { view, reason: queryReason, ...identifier } = query;
    return this.profiles.lookup(identifier, actor, { view, reason: reason ?? queryReason });
  }

  @Get(':memberId')
  @RequirePermission('members.profile.read')
  @ApiOperation({ summary: 'A member profile (masked unless the caller may and asks to see it unmasked)' })
  @ApiOkResponse({ type: MemberResponse })
  get(
    @CurrentActor() actor: Actor,
    @Param('memberId') memberId: string,
    @Query() query: ReadMemberQuery,
    @Headers(REASON_HEADER) reason?: string,
  ): Promise<MemberResponse> {
    return this.profiles.get(memberId, actor, { view: query.view, reason: reason ?? query.reason });
  }

  @Patch(':memberId')
  @RequirePermission('members.profile.update')
  @ApiOperation({ summary: 'Update a profile; who changed which fields is recorded and published (no values)' })
  @ApiOkResponse({ type: MemberResponse })
  update(@CurrentActor() actor: Actor, @Param('memberId') memberId: string, @Body() body: UpdateMemberDto): Promise<MemberResponse> {
    return this.profiles.update(memberId, body, actor);
  }

  @Get(':memberId/history')
  @RequirePermission('members.history.read')
  @ApiOperation({ summary: 'Profile change history: field names, actor, time' })
  @ApiOkResponse({ type: ChangeHistoryResponse })
  history(@CurrentActor() actor: Actor, @Param('memberId') memberId: string): Promise<ChangeHistoryResponse> {
    return this.profiles.changeHistory(memberId);
  }

  @Get(':memberId/access-log')
  @RequirePermission('members.access-log.read')
  @ApiOperation({ summary: 'Unmasked reads of this member’s personal data (admin, auditor)' })
  @ApiOkResponse({ type: AccessLogResponse })
  accessLog(@CurrentActor() actor: Actor, @Param('memberId') memberId: string): Promise<AccessLogResponse> {
    return this.profiles.accessLog(memberId);
  }

  @Put(':memberId/consents/:purpose')
  @RequirePermission('members.consent.change')
  @ApiOperation({ summary: 'Grant or withdraw a consent (marketing, analytics)' })
  @ApiOkResponse({ type: ConsentsView })
  changeConsent(
    @CurrentActor() actor: Actor,
    @Param('memberId') memberId: string,
    @Param('purpose') purpose: string,
    @Body() body: ChangeConsentDto,
  ): Promise<ConsentsView> {
    return this.consents.change(memberId, purpose, body, actor);
  }

  @Delete(':memberId')
  @RequirePermission('members.erase')
  @ApiOperation({ summary: 'Erase the member: personal data destroyed, the id kept as a pseudonym' })
  @ApiOkResponse({ type: ErasureResponse })
  erase(@CurrentActor() actor: Actor, @Param('memberId') memberId: string): Promise<ErasureResponse> {
    return this.erasure.erase(memberId, actor);
  }

  @Post(':memberId/erasure')
  @RequirePermission('members.erase')
  @HttpCode(200)
  @ApiOperation({ summary: 'Erase the member (same as DELETE)' })
  @ApiOkResponse({ type: ErasureResponse })
  eraseByPost(@CurrentActor() actor: Actor, @Param('memberId') memberId: string): Promise<ErasureResponse> {
    return this.erasure.erase(memberId, actor);
  }
}
