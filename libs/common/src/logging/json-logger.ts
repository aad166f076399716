import type { LoggerService } from '@nestjs/common';
import { RequestContext } from '../context/request-context';
import type { LogLevel } from '../config/base.env';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

/**
 * One JSON object per line on stdout: level, time, service, context, msg, correlationId and
 * any fields given. Never pass personal data in fields: logs are not a place for it.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly level: LogLevel = 'info',
    private readonly write: (line: string) => void = (l) => process.stdout.write(l + '\n'),
  ) {}

  private emit(level: LogLevel, message: unknown, context?: string, extra?: LogFields): void {
    if (RANK[level] < RANK[this.level]) return;
    const ctx = RequestContext.current();
    const entry: LogFields = {
      level,
      time: new Date().toISOString(),
      service: this.service,
      ...(context ? { context } : {}),
      ...(ctx ? { correlationId: ctx.correlationId } : {}),
      ...(ctx?.causationId ? { causationId: ctx.causationId } : {}),
    };
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.err = { name: message.name, stack: message.stack };
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    if (extra) Object.assign(entry, extra);
    this.write(JSON.stringify(entry));
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
