import { Schema } from 'mongoose';

/** A one-time code asked for an identifier. Only hashes are kept; a code is used once. */
export interface OtpChallenge {
  _id: string;
  identifierHash: string;
  /** null when no active member has the identifier: the challenge exists so the answer is the same. */
  memberId: string | null;
  codeHash: string;
  channel: 'email' | 'sms';
  createdAt: Date;
  expiresAt: Date;
  attempts: number;
  consumedAt: Date | null;
}

export const OTP_CHALLENGE_MODEL = 'GatewayOtpChallenge';
export const OtpChallengeSchema = new Schema<OtpChallenge>(
  {
    _id: { type: String, required: true },
    identifierHash: { type: String, required: true },
    memberId: { type: String, default: null },
    codeHash: { type: String, required: true },
    channel: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    attempts: { type: Number, required: true },
    consumedAt: { type: Date, default: null },
  },
  { collection: 'gateway_otp_challenges', versionKey: false },
);
OtpChallengeSchema.index({ identifierHash: 1, createdAt: -1 });

/** A signed-in customer: a refresh token (hashed, rotated on each use) and its access tokens. */
export interface CustomerSession {
  _id: string;
  memberId: string;
  refreshHash: string;
  createdAt: Date;
  expiresAt: Date;
  lastRefreshedAt: Date | null;
  revokedAt: Date | null;
  revokedReason: 'sign_out' | 'sign_out_everywhere' | 'refresh_reuse' | null;
}

export const CUSTOMER_SESSION_MODEL = 'GatewayCustomerSession';
export const CustomerSessionSchema = new Schema<CustomerSession>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    refreshHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    lastRefreshedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
    revokedReason: { type: String, default: null },
  },
  { collection: 'gateway_customer_sessions', versionKey: false },
);
CustomerSessionSchema.index({ memberId: 1 });
