import type { EventDefinition } from './event-definition';
import { MemberBirthdayV1Event } from './members/member-birthday.v1';
import { MemberConsentChangedV1Event } from './members/member-consent-changed.v1';
import { MemberEnrolledV1Event } from './members/member-enrolled.v1';
import { MemberErasedV1Event } from './members/member-erased.v1';
import { MemberTierChangedV1Event } from './members/member-tier-changed.v1';
import { PurchaseRecordedV1Event } from './points/purchase-recorded.v1';
import { PurchaseReturnedV1Event } from './points/purchase-returned.v1';

/**
 * The event catalogue: every event the platform publishes, by name (= Kafka topic).
 * Topic names live here and nowhere else. Never rename one without a migration note in
 * docs/events.md: a new payload version is a new entry and a new topic.
 * Add one line per event; keep the groups (members, points, segments, feedback) together.
 */
export const EventCatalog = {
  // members
  [MemberEnrolledV1Event.name]: MemberEnrolledV1Event,
  [MemberTierChangedV1Event.name]: MemberTierChangedV1Event,
  [MemberBirthdayV1Event.name]: MemberBirthdayV1Event,
  [MemberErasedV1Event.name]: MemberErasedV1Event,
  [MemberConsentChangedV1Event.name]: MemberConsentChangedV1Event,
  // points
  [PurchaseRecordedV1Event.name]: PurchaseRecordedV1Event,
  [PurchaseReturnedV1Event.name]: PurchaseReturnedV1Event,
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
