import { Schema } from 'mongoose';
import type { Locale, MessageKind, TemplateVariable } from '../templates/message-kinds';

/**
 * Life of a message: queued -> preparing (claimed by a worker: contact read, rules checked,
 * template rendered) -> sending (handed to the SMTP server) -> sent; or skipped (no consent,
 * no address, erased, frequency cap) or failed (permanent error, attempts used up, or a crash
 * while sending: the outcome is unknown and the message is NOT sent again: at most once).
 * A temporary failure or quiet hours put it back to queued with a later `nextAttemptAt`.
 */
export const DELIVERY_STATUSES = ['queued', 'preparing', 'sending', 'sent', 'skipped', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const FINAL_STATUSES: readonly DeliveryStatus[] = ['sent', 'skipped', 'failed'];

export const DELIVERY_CHANNELS = ['email', 'sms', 'push', 'app'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export interface DeliveryAttempt {
  at: Date;
  outcome: 'sent' | 'deferred' | 'retry' | 'skipped' | 'failed';
  detail: string;
}

export interface Delivery {
  /** The request id: one message per request, whatever is redelivered (`campaign:<campaignId>:<memberId>`). */
  _id: string;
  kind: MessageKind;
  marketing: boolean;
  channel: DeliveryChannel;
  memberId: string;
  campaignId: string | null;
  /** Values that are not personal data (the member's name and tier are read at send time). */
  values: Partial<Record<TemplateVariable, string>>;
  status: DeliveryStatus;
  reason: string | null;
  /** Send attempts made (quiet-hour deferrals are not attempts). */
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  locale: Locale | null;
  /** The address used, masked (`l***@example.com`): what was sent where, without keeping the address. */
  maskedAddress: string | null;
  smtpMessageId: string | null;
  requestedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  history: DeliveryAttempt[];
}

export const DELIVERY_MODEL = 'MessagingDelivery';
export const DeliverySchema = new Schema<Delivery>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    marketing: { type: Boolean, required: true },
    channel: { type: String, required: true },
    memberId: { type: String, required: true },
    campaignId: { type: String, default: null },
    values: { type: Schema.Types.Mixed, default: {} },
    status: { type: String, required: true, enum: DELIVERY_STATUSES },
    reason: { type: String, default: null },
    attempts: { type: Number, required: true },
    nextAttemptAt: { type: Date, required: true },
    leaseUntil: { type: Date, default: null },
    locale: { type: String, default: null },
    maskedAddress: { type: String, default: null },
    smtpMessageId: { type: String, default: null },
    requestedAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    history: { type: [new Schema<DeliveryAttempt>({ at: Date, outcome: String, detail: String }, { _id: false })], default: [] },
  },
  { collection: 'messaging_deliveries', versionKey: false, minimize: false },
);
DeliverySchema.index({ status: 1, nextAttemptAt: 1 });
DeliverySchema.index({ memberId: 1, createdAt: -1 });
DeliverySchema.index({ campaignId: 1, status: 1 });

/** `l***@example.com`: enough to tell which address was used, not enough to use it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email.charAt(0)}***${email.slice(at)}`;
}

export const campaignRequestId = (campaignId: string, memberId: string): string => `campaign:${campaignId}:${memberId}`;
