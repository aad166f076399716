import { Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@app/common';
import { defaultTemplate, unsubscribeFooter } from './default-templates';
import { isMarketing, KIND_VARIABLES, LOCALES, MESSAGE_KINDS, type Locale, type MessageKind, type TemplateVariable } from './message-kinds';
import { renderTemplate, templateViolations, type TemplateContent, type TemplateValues } from './template-rendering';
import { TemplatesErrors } from './templates.errors';
import { TemplatesRepository } from './templates.repository';
import type { PreviewResponse, PreviewTemplateDto, SaveTemplateDto, TemplateResponse } from './dto/template.dto';

/** Sample values for previews. */
const SAMPLES: Record<Locale, Record<TemplateVariable, string>> = {
  'zh-CN': {
    name: '李雷',
    tier: '金卡',
    points: '1200',
    expiryDate: '2026-12-31',
    couponCode: 'CPN-8F3K2Q',
    surveyLink: 'https://example.com/s/abc',
    caseNumber: 'C-20260101-0001',
    code: '482913',
    expiresInMinutes: '10',
  },
  en: {
    name: 'Alex',
    tier: 'gold',
    points: '1200',
    expiryDate: '2026-12-31',
    couponCode: 'CPN-8F3K2Q',
    surveyLink: 'https://example.com/s/abc',
    caseNumber: 'C-20260101-0001',
    code: '482913',
    expiresInMinutes: '10',
  },
};

/** Templates per kind and locale: saved ones over built-in defaults; checked at save time; previews. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly templates: TemplatesRepository,
    private readonly clock: Clock,
  ) {}

  /** The template in force for a kind and locale. */
  async content(kind: MessageKind, locale: Locale): Promise<{ content: TemplateContent; source: 'default' | 'saved'; version: number }> {
    const saved = await this.templates.find(kind, locale);
    if (saved) return { content: { subject: saved.subject, text: saved.text, html: saved.html }, source: 'saved', version: saved.version };
    return { content: defaultTemplate(kind, locale), source: 'default', version: 0 };
  }

  async list(): Promise<TemplateResponse[]> {
    const saved = new Map((await this.templates.all()).map((t) => [t._id, t]));
    return MESSAGE_KINDS.flatMap((kind) =>
      LOCALES.map((locale) => {
        const s = saved.get(`${kind}:${locale}`);
        return view(
          kind,
          locale,
          s ? { subject: s.subject, text: s.text, html: s.html } : defaultTemplate(kind, locale),
          s ? 'saved' : 'default',
          s?.version ?? 0,
        );
      }),
    );
  }

  async get(kind: MessageKind, locale: Locale): Promise<TemplateResponse> {
    const { content, source, version } = await this.content(kind, locale);
    return view(kind, locale, content, source, version);
  }

  async save(kind: MessageKind, locale: Locale, dto: SaveTemplateDto, actor: Actor): Promise<TemplateResponse> {
    const content = { subject: dto.subject, text: dto.text, html: dto.html ?? null };
    const violations = templateViolations(kind, content);
    if (violations.length) throw TemplatesErrors.invalidTemplate(violations);
    const saved = await this.templates.save({ kind, locale, ...content, updatedAt: this.clock.now(), updatedBy: { id: actor.id, role: actor.role } });
    return view(kind, locale, content, 'saved', saved.version);
  }

  /** Render a draft (or the template in force) with given or sample values, as a customer would see it. */
  async preview(dto: PreviewTemplateDto): Promise<PreviewResponse> {
    const current = (await this.content(dto.kind, dto.locale)).content;
    const content: TemplateContent = {
      subject: dto.subject ?? current.subject,
      text: dto.text ?? current.text,
      html: dto.html ?? (dto.text ? null : (current.html ?? null)),
    };
    const violations = templateViolations(dto.kind, content);
    if (violations.length) throw TemplatesErrors.invalidTemplate(violations);
    const values: TemplateValues = { ...SAMPLES[dto.locale], ...(dto.values ?? {}) };
    const rendered = renderTemplate(content, values);
    if (!rendered.ok) throw TemplatesErrors.missingPreviewValues(rendered.missing);
    if (!isMarketing(dto.kind)) return rendered.message;
    const footer = unsubscribeFooter(dto.locale, 'https://example.invalid/v1/messaging/unsubscribe?token=preview');
    return {
      subject: rendered.message.subject,
      text: rendered.message.text + footer.text,
      html: rendered.message.html ? rendered.message.html + footer.html : null,
    };
  }
}

function view(kind: MessageKind, locale: Locale, c: TemplateContent, source: 'default' | 'saved', version: number): TemplateResponse {
  return {
    kind,
    locale,
    subject: c.subject,
    text: c.text,
    html: c.html ?? null,
    source,
    version,
    variables: [...KIND_VARIABLES[kind]],
    marketing: isMarketing(kind),
  };
}
