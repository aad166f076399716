import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Locale, MessageKind } from './message-kinds';
import { TEMPLATE_MODEL, templateId, type MessageTemplate } from './template.schema';

/** The only place that touches saved templates. */
@Injectable()
export class TemplatesRepository {
  constructor(@InjectModel(TEMPLATE_MODEL) private readonly templates: Model<MessageTemplate>) {}

  find(kind: MessageKind, locale: Locale): Promise<MessageTemplate | null> {
    return this.templates.findById(templateId(kind, locale)).lean<MessageTemplate>().exec();
  }

  all(): Promise<MessageTemplate[]> {
    return this.templates.find({}).lean<MessageTemplate[]>().exec();
  }

  /** Save (insert or replace) with the version counted up. */
  async save(t: Omit<MessageTemplate, '_id' | 'version'>): Promise<MessageTemplate> {
    const saved = await this.templates
      .findOneAndUpdate(
        { _id: templateId(t.kind, t.locale) },
        {
          $set: { kind: t.kind, locale: t.locale, subject: t.subject, text: t.text, html: t.html, updatedAt: t.updatedAt, updatedBy: t.updatedBy },
          $inc: { version: 1 },
        },
        { upsert: true, new: true },
      )
      .lean<MessageTemplate>()
      .exec();
    return saved;
  }
}
