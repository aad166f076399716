import { EventFactory, ManualClock, toKafkaMessage, type Actor } from '@app/common';
import type { EventName, PayloadOf } from '@app/contracts';
import { asActor, produceRaw, requestJson, startTestService, testEnv, waitUntil, type RunningTestService } from '@app/testing';
import { SegmentsEnv } from '../config/segments.env';
import { segmentsService } from '../segments.service-descriptor';

export interface SegmentsHarness {
  svc: RunningTestService;
  clock: ManualClock;
  close(): Promise<void>;
}

export async function startSegments(start = '2026-03-01T12:00:00.000Z', overrides: Record<string, string> = {}): Promise<SegmentsHarness> {
  const clock = new ManualClock(start);
  const svc = await startTestService(segmentsService, testEnv(SegmentsEnv, 'segments', { SEGMENTS_RECOMPUTE_INTERVAL_MS: '0', ...overrides }), { clock });
  return { svc, clock, close: () => svc.close() };
}

/** Publish an event on the real broker as another service would (`copies` > 1: redelivered); returns its id. */
export async function publish<N extends EventName>(svc: RunningTestService, name: N, payload: PayloadOf<N>, copies = 1): Promise<string> {
  const event = svc.app.get(EventFactory).create(name, payload);
  await produceRaw(
    `${event.type}.v${event.version}`,
    Array.from({ length: copies }, () => toKafkaMessage(event)),
  );
  return event.id;
}

/** Wait until the service has handled an event (its consumer marked it processed). */
export async function handled(svc: RunningTestService, eventId: string): Promise<void> {
  await waitUntil(() => svc.connection.collection('processed_events').findOne({ eventId }), 30000, `event ${eventId} handled`);
}

export const marketing: Actor = { id: 'staff-marketing', role: 'marketing', storeIds: [] };
export const auditor: Actor = { id: 'staff-auditor', role: 'auditor', storeIds: [] };

export const call = <T = Record<string, unknown>>(svc: RunningTestService, actor: Actor, method: string, path: string, body?: unknown) =>
  requestJson<T>(`${svc.url}${path}`, { method, headers: asActor(actor), body });
