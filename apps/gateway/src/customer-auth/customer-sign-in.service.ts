import { Injectable, Logger } from '@nestjs/common';
import { Clock, type Actor } from '@app/common';
import { AuthService } from '../auth/auth.service';
import { GatewayEnv } from '../config/gateway.env';
import { DownstreamClient } from '../proxy/downstream.client';
import { parseJsonBody } from '../proxy/relay-problem';
import { CustomerAuthErrors } from './customer-auth.errors';
import { CustomerSessionsRepository } from './customer-sessions.repository';
import type { CustomerSessionResponse, RequestCodeDto, RequestCodeResponse } from './dto/customer-auth.dto';
import { keyedHash, newCode, newOpaqueId, normaliseIdentifier, parseRefreshToken, refreshToken, sameHash } from './one-time-code';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Customer sign-in by one-time code: ask a code for an email or phone, verify it for a short-lived
 * access token and a rotating refresh token; sign out, or out everywhere. The answer to asking a
 * code never tells whether the identifier belongs to a member (a challenge is stored either way,
 * the code is sent in the background). Codes, identifiers and refresh secrets are kept as keyed
 * hashes only. An erased member cannot sign in or refresh (the members service no longer resolves them).
 */
@Injectable()
export class CustomerSignInService {
  private readonly logger = new Logger(CustomerSignInService.name);

  constructor(
    private readonly repo: CustomerSessionsRepository,
    private readonly auth: AuthService,
    private readonly downstream: DownstreamClient,
    private readonly env: GatewayEnv,
    private readonly clock: Clock,
  ) {}

  async requestCode(dto: RequestCodeDto): Promise<RequestCodeResponse> {
    if ((dto.email === undefined) === (dto.phone === undefined)) throw CustomerAuthErrors.identifierRequired();
    const kind = dto.email !== undefined ? 'email' : 'phone';
    const identifier = normaliseIdentifier(kind, (dto.email ?? dto.phone)!);
    const identifierHash = this.hash('identifier', `${kind}:${identifier}`);
    const now = this.clock.now();
    if ((await this.repo.countChallengesSince(identifierHash, new Date(now.getTime() - HOUR_MS))) >= this.env.CUSTOMER_OTP_PER_IDENTIFIER_PER_HOUR)
      throw CustomerAuthErrors.tooManyCodes();

    const memberId = await this.resolve(kind === 'email' ? `email=${encodeURIComponent(identifier)}` : `phone=${encodeURIComponent(identifier)}`);
    const code = newCode();
    const challengeId = newOpaqueId();
    const channel = kind === 'email' ? 'email' : 'sms';
    await this.repo.insertChallenge({
      _id: challengeId,
      identifierHash,
      memberId,
      codeHash: this.hash('otp-code', `${challengeId}:${code}`),
      channel,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.env.CUSTOMER_OTP_TTL_SECONDS * 1000),
      attempts: 0,
      consumedAt: null,
    });
    // In the background: the time to answer must not depend on whether a code is sent.
    if (memberId) void this.sendCode(challengeId, memberId, channel, code);
    return {
      challengeId,
      expiresIn: this.env.CUSTOMER_OTP_TTL_SECONDS,
      message: 'If this identifier belongs to a member, a code is on its way. / 如该账号为会员，验证码已发送。',
    };
  }

  async verifyCode(challengeId: string, code: string): Promise<CustomerSessionResponse> {
    const now = this.clock.now();
    const challenge = await this.repo.attempt(challengeId, now, this.env.CUSTOMER_OTP_MAX_ATTEMPTS);
    if (!challenge || !challenge.memberId || !sameHash(challenge.codeHash, this.hash('otp-code', `${challengeId}:${code}`)))
      throw CustomerAuthErrors.invalidCode();
    if (!(await this.repo.consume(challengeId, now))) throw CustomerAuthErrors.invalidCode();
    await this.assertActive(challenge.memberId);
    const sessionId = newOpaqueId();
    const secret = newOpaqueId(32);
    const expiresAt = new Date(now.getTime() + this.env.CUSTOMER_REFRESH_TTL_DAYS * DAY_MS);
    await this.repo.insertSession({
      _id: sessionId,
      memberId: challenge.memberId,
      refreshHash: this.hash('refresh', secret),
      createdAt: now,
      expiresAt,
      lastRefreshedAt: null,
      revokedAt: null,
      revokedReason: null,
    });
    return this.answer(challenge.memberId, sessionId, secret, expiresAt);
  }

  /**
   * A new access token and a new refresh token for the current one. Presenting a refresh token that
   * was already used (stolen and replayed, or a client bug) ends the session for everyone holding it.
   */
  async refresh(token: string): Promise<CustomerSessionResponse> {
    const parsed = parseRefreshToken(token);
    if (!parsed) throw CustomerAuthErrors.invalidRefreshToken();
    const now = this.clock.now();
    const session = await this.repo.findSession(parsed.sessionId);
    if (!session || session.revokedAt || session.expiresAt <= now) throw CustomerAuthErrors.invalidRefreshToken();
    const presented = this.hash('refresh', parsed.secret);
    if (!sameHash(session.refreshHash, presented)) {
      await this.repo.revoke(session._id, now, 'refresh_reuse');
      this.logger.warn({ msg: 'refresh token reused: session ended', sessionId: session._id, memberId: session.memberId });
      throw CustomerAuthErrors.invalidRefreshToken();
    }
    await this.assertActive(session.memberId);
    const secret = newOpaqueId(32);
    if (!(await this.repo.rotate(session._id, presented, this.hash('refresh', secret), now))) {
      await this.repo.revoke(session._id, now, 'refresh_reuse');
      throw CustomerAuthErrors.invalidRefreshToken();
    }
    return this.answer(session.memberId, session._id, secret, session.expiresAt);
  }

  /** End the session of a refresh token (its access tokens stop working at once). Unknown tokens change nothing. */
  async signOut(token: string): Promise<void> {
    const parsed = parseRefreshToken(token);
    if (!parsed) return;
    const session = await this.repo.findSession(parsed.sessionId);
    if (session && sameHash(session.refreshHash, this.hash('refresh', parsed.secret))) await this.repo.revoke(session._id, this.clock.now(), 'sign_out');
  }

  async signOutEverywhere(actor: Actor): Promise<{ ended: number }> {
    return { ended: await this.repo.revokeAllOf(actor.memberId ?? actor.id, this.clock.now()) };
  }

  private answer(memberId: string, sessionId: string, secret: string, expiresAt: Date): CustomerSessionResponse {
    const access = this.auth.issueSessionToken(memberId, sessionId);
    return {
      accessToken: access.accessToken,
      tokenType: 'Bearer',
      expiresIn: access.expiresIn,
      expiresAt: access.expiresAt,
      refreshToken: refreshToken(sessionId, secret),
      refreshExpiresAt: expiresAt.toISOString(),
      memberId,
    };
  }

  private async assertActive(memberId: string): Promise<void> {
    if ((await this.resolve(`memberId=${encodeURIComponent(memberId)}`)) !== memberId) throw CustomerAuthErrors.signInRefused();
  }

  /** The active member with this identifier, or null (unknown, erased, or not a valid identifier). */
  private async resolve(query: string): Promise<string | null> {
    const res = await this.downstream.call({ service: 'members', method: 'GET', pathAndQuery: `/v1/members/resolve?${query}`, actor: null });
    if (res.status === 404 || res.status === 400) return null;
    const body = parseJsonBody(res.body) as { memberId?: unknown } | null;
    if (res.status !== 200 || typeof body?.memberId !== 'string') throw CustomerAuthErrors.membersUnavailable();
    return body.memberId;
  }

  private async sendCode(challengeId: string, memberId: string, channel: 'email' | 'sms', code: string): Promise<void> {
    try {
      const res = await this.downstream.call({
        service: 'messaging',
        method: 'POST',
        pathAndQuery: '/v1/internal/messages/sign-in-code',
        actor: null,
        body: { requestId: challengeId, memberId, channel, code, expiresInMinutes: Math.ceil(this.env.CUSTOMER_OTP_TTL_SECONDS / 60) },
      });
      const body = parseJsonBody(res.body) as { status?: unknown } | null;
      if (res.status !== 200 || body?.status !== 'sent')
        this.logger.warn({ msg: 'sign-in code not sent', challengeId, status: res.status, delivery: body?.status });
    } catch (err) {
      this.logger.warn({ msg: 'sign-in code not sent', challengeId, error: String(err) });
    }
  }

  private hash(purpose: string, value: string): string {
    return keyedHash(this.env.GATEWAY_TOKEN_SECRET, purpose, value);
  }
}
