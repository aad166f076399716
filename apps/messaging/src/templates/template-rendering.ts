import type { FieldViolation } from '@app/common';
import { KIND_VARIABLES, TEMPLATE_VARIABLES, type MessageKind, type TemplateVariable } from './message-kinds';

/** The text of one template: subject and plain-text body, optionally an HTML body. */
export interface TemplateContent {
  subject: string;
  text: string;
  html?: string | null;
}

export type TemplateValues = Partial<Record<TemplateVariable, string>>;

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string | null;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const FIELDS = ['subject', 'text', 'html'] as const;

/** The variable names a piece of template text uses, in order of first use. */
export function variablesUsed(source: string): string[] {
  return [...new Set([...source.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

/**
 * Why a template cannot be saved for a kind: a variable the kind does not supply (it would be
 * blank in a customer's inbox), a malformed placeholder, a subject on several lines.
 */
export function templateViolations(kind: MessageKind, content: TemplateContent): FieldViolation[] {
  const allowed = KIND_VARIABLES[kind];
  const violations: FieldViolation[] = [];
  for (const field of FIELDS) {
    const source = content[field];
    if (source === undefined || source === null) continue;
    for (const name of variablesUsed(source)) {
      if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name)) {
        violations.push({ field, rule: 'knownVariable', message: `{{${name}}} is not a template variable (known: ${TEMPLATE_VARIABLES.join(', ')})` });
      } else if (!allowed.includes(name as TemplateVariable)) {
        violations.push({
          field,
          rule: 'variableOfKind',
          message: `{{${name}}} is not supplied for ${kind} messages (supplied: ${allowed.join(', ') || 'none'})`,
        });
      }
    }
    const stripped = source.replace(PLACEHOLDER, '');
    if (stripped.includes('{{') || stripped.includes('}}')) {
      violations.push({ field, rule: 'placeholderSyntax', message: `${field} has an unbalanced {{ or }}; write variables as {{name}}` });
    }
  }
  if (/[\r\n]/.test(content.subject)) violations.push({ field: 'subject', rule: 'singleLine', message: 'subject must be one line' });
  return violations;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/**
 * Fill a template. Every variable it uses must have a value: a missing one is reported, never
 * rendered as a blank. Values are escaped in the HTML body; the subject stays one line.
 */
export function renderTemplate(content: TemplateContent, values: TemplateValues): { ok: true; message: RenderedMessage } | { ok: false; missing: string[] } {
  const missing = new Set<string>();
  const fill = (source: string, escape: (s: string) => string): string =>
    source.replace(PLACEHOLDER, (_all, name: string) => {
      const value = values[name as TemplateVariable];
      if (value === undefined || value === '') {
        missing.add(name);
        return '';
      }
      return escape(value);
    });
  const subject = fill(content.subject, (s) => s.replace(/[\r\n]+/g, ' '));
  const text = fill(content.text, (s) => s);
  const html = content.html ? fill(content.html, escapeHtml) : null;
  if (missing.size > 0) return { ok: false, missing: [...missing] };
  return { ok: true, message: { subject, text, html } };
}
