import { Schema } from 'mongoose';
import type { Locale, MessageKind } from './message-kinds';

/** A saved template for one kind and locale (`<kind>:<locale>`); replaces the built-in default. */
export interface MessageTemplate {
  _id: string;
  kind: MessageKind;
  locale: Locale;
  subject: string;
  text: string;
  html: string | null;
  version: number;
  updatedAt: Date;
  updatedBy: { id: string; role: string };
}

export const TEMPLATE_MODEL = 'MessagingTemplate';
export const TemplateSchema = new Schema<MessageTemplate>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    locale: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    html: { type: String, default: null },
    version: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'messaging_templates', versionKey: false },
);

export const templateId = (kind: MessageKind, locale: Locale): string => `${kind}:${locale}`;
