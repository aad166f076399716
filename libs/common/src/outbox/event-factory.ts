import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EventCatalog, type EventDefinition, type EventEnvelope, type EventName, type PayloadOf } from '@app/contracts';
import { Clock } from '../clock/clock';
import { RequestContext } from '../context/request-context';
import { SERVICE_NAME } from '../platform/tokens';

/** Builds envelopes: id, time from the injected clock, source, correlation and causation. */
@Injectable()
export class EventFactory {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    private readonly clock: Clock,
  ) {}

  create<N extends EventName>(name: N, payload: PayloadOf<N>, occurredAt?: Date): EventEnvelope<PayloadOf<N>> {
    return this.fromDefinition(EventCatalog[name] as unknown as EventDefinition<PayloadOf<N>>, payload, occurredAt);
  }

  /** For definitions outside the static catalogue (tests, plugins). */
  fromDefinition<P extends object>(def: EventDefinition<P>, payload: P, occurredAt?: Date): EventEnvelope<P> {
    const ctx = RequestContext.current();
    return {
      id: randomUUID(),
      type: def.type,
      version: def.version,
      occurredAt: (occurredAt ?? this.clock.now()).toISOString(),
      source: this.service,
      correlationId: ctx?.correlationId ?? randomUUID(),
      causationId: ctx?.causationId ?? null,
      partitionKey: def.key(payload),
      payload,
    };
  }
}
