import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What follows one unit of work (an HTTP request or a consumed event) through the code. */
export interface RequestContextData {
  correlationId: string;
  /** Id of the event being handled, when the work is a consumed event. */
  causationId: string | null;
}

const storage = new AsyncLocalStorage<RequestContextData>();

export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
  correlationId(): string | undefined {
    return storage.getStore()?.correlationId;
  },
};

const CORRELATION_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Accept a caller's correlation id only if it is a sane token; otherwise mint one. */
export function normaliseCorrelationId(candidate: unknown): string {
  return typeof candidate === 'string' && CORRELATION_ID.test(candidate) ? candidate : randomUUID();
}
