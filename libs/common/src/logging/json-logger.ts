import type { LoggerService } from '@nestjs/common';
import pino, { type Logger as PinoLogger } from 'pino';
import { RequestContext } from '../context/request-context';
import type { LogLevel } from '../config/base.env';

export type LogFields = Record<string, unknown>;

/**
 * Personal-data field names (what members holds: name, phone, email, birthday, and the sealed
 * `personal` block; plus the contact details other features may carry). Logs must not carry
 * them; if one slips into a log call, pino replaces the value with REDACTED.
 */
export const PERSONAL_DATA_LOG_FIELDS = ['name', 'firstName', 'lastName', 'phone', 'email', 'birthday', 'address', 'contact', 'personal', 'postcode'] as const;
/** Where such a field may sit in a log entry: at the top level or one level down in these objects. */
const PERSONAL_DATA_PARENTS = ['body', 'member', 'profile', 'customer', 'data', 'payload', 'input', 'dto', 'changes'] as const;
export const REDACTED = '[redacted]';

export function personalDataRedactPaths(): string[] {
  const fields: string[] = [...PERSONAL_DATA_LOG_FIELDS];
  // `name` stays readable at the top level of errors (err.name) and Nest contexts: redact it only
  // where a person's name lives (the parents above), and every other field everywhere listed.
  const topLevel = fields.filter((f) => f !== 'name');
  return [...topLevel, ...PERSONAL_DATA_PARENTS.flatMap((p) => fields.map((f) => `${p}.${f}`))];
}

/**
 * One JSON object per line on stdout, written by pino: level, time (ISO), service, context, msg,
 * correlationId / causationId of the current work and any fields given. Personal-data fields are
 * redacted (see PERSONAL_DATA_LOG_FIELDS); never pass personal data in fields all the same.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: PinoLogger;

  constructor(service: string, level: LogLevel = 'info', write?: (line: string) => void) {
    const destination = write
      ? { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) }
      : pino.destination({ dest: 1, sync: true });
    this.pino = pino(
      {
        level,
        base: { service },
        messageKey: 'msg',
        timestamp: () => `,"time":"${new Date().toISOString()}"`,
        formatters: { level: (label) => ({ level: label }) },
        // Errors keep today's shape ({ name, stack } or { name, message, stack }), built below.
        serializers: { err: (e: unknown) => e },
        redact: { paths: personalDataRedactPaths(), censor: REDACTED },
        mixin: () => {
          const ctx = RequestContext.current();
          if (!ctx) return {};
          return ctx.causationId ? { correlationId: ctx.correlationId, causationId: ctx.causationId } : { correlationId: ctx.correlationId };
        },
      },
      destination,
    );
  }

  private emit(level: LogLevel, message: unknown, context?: string, extra?: LogFields): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const entry: LogFields = context ? { context } : {};
    let msg: string | undefined;
    if (message instanceof Error) {
      msg = message.message;
      entry.err = { name: message.name, stack: message.stack };
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
      if (typeof entry.msg === 'string') {
        msg = entry.msg;
        delete entry.msg;
      }
    } else {
      msg = String(message);
    }
    if (extra) Object.assign(entry, extra);
    if (msg === undefined) this.pino[level](entry);
    else this.pino[level](entry, msg);
  }

  /** Nest calls log/error/warn with (message, ...optionalParams) where the last is the context. */
  private split(params: unknown[]): { context?: string; extra?: LogFields } {
    const rest = [...params];
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const extra: LogFields = {};
    for (const p of rest) {
      if (typeof p === 'string') extra.stack = p;
      else if (p instanceof Error) extra.err = { name: p.name, message: p.message, stack: p.stack };
      else if (p && typeof p === 'object') Object.assign(extra, p);
    }
    return { context, extra: Object.keys(extra).length ? extra : undefined };
  }

  log(message: unknown, ...params: unknown[]): void {
    const { context, extra } = this.split(params);
    this.emit('info', message, context, extra);
  }
  error(message: unknown, ...params: unknown[]): void {
    const { context, extra } = this.split(params);
    this.emit('error', message, context, extra);
  }
  warn(message: unknown, ...params: unknown[]): void {
    const { context, extra } = this.split(params);
    this.emit('warn', message, context, extra);
  }
  debug(message: unknown, ...params: unknown[]): void {
    const { context, extra } = this.split(params);
    this.emit('debug', message, context, extra);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    const { context, extra } = this.split(params);
    this.emit('debug', message, context, extra);
  }
}
