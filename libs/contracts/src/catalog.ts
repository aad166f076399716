import type { EventDefinition } from './event-definition';
import { MemberEnrolledV1Event } from './members/member-enrolled.v1';
import { PurchaseRecordedV1Event } from './points/purchase-recorded.v1';

/**
 * The event catalogue: every event the platform publishes, by name (= Kafka topic).
 * Topic names live here and nowhere else. Never rename one without a migration note in
 * docs/events.md: a new payload version is a new entry and a new topic.
 */
export const EventCatalog = {
  [MemberEnrolledV1Event.name]: MemberEnrolledV1Event,
  [PurchaseRecordedV1Event.name]: PurchaseRecordedV1Event,
} as const;

export type EventName = keyof typeof EventCatalog;
type DefinitionOf<N extends EventName> = (typeof EventCatalog)[N];
/** The payload type of an event name: `PayloadOf<'points.earned.v1'>`. */
export type PayloadOf<N extends EventName> =
  DefinitionOf<N> extends EventDefinition<infer P> ? P : never;

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(EventCatalog, name);
}

export function allEventDefinitions(): EventDefinition[] {
  return Object.values(EventCatalog) as EventDefinition[];
}
