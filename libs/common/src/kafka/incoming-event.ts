import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { allEventDefinitions, EventCatalog, isEventName, type EventDefinition, type EventEnvelope } from '@app/contracts';
import { toViolations } from '../errors/validation';
import type { FieldViolation } from '../errors/domain-error';

export type ParsedEvent = { ok: true; envelope: EventEnvelope } | { ok: false; code: string; message: string; violations: FieldViolation[] };

const extraDefinitions = new Map<string, EventDefinition>();

/** For tests and plugins: make an event definition known beyond the static catalogue. */
export function registerEventDefinition(def: EventDefinition): void {
  extraDefinitions.set(def.name, def);
}

/** Topics of every known event (the catalogue plus registered extras). */
export function knownEventTopics(): string[] {
  return [...allEventDefinitions().map((d) => d.topic), ...[...extraDefinitions.values()].map((d) => d.topic)];
}

export function findEventDefinition(name: string): EventDefinition | undefined {
  return isEventName(name) ? EventCatalog[name] : extraDefinitions.get(name);
}

function fail(code: string, message: string, violations: FieldViolation[] = []): ParsedEvent {
  return { ok: false, code, message, violations };
}

const ENVELOPE_STRINGS = ['id', 'type', 'occurredAt', 'source', 'correlationId', 'partitionKey'] as const;

/**
 * Validate a consumed message like an HTTP body: the envelope shape, that its type and version
 * match the topic, and its payload against the versioned contract class.
 */
export function parseIncomingEvent(topic: string, value: unknown): ParsedEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('EVENT.MALFORMED', 'Message value is not a JSON object');
  }
  const raw = value as Record<string, unknown>;
  const missing = ENVELOPE_STRINGS.filter((k) => typeof raw[k] !== 'string' || raw[k] === '');
  if (missing.length) {
    return fail(
      'EVENT.INVALID_ENVELOPE',
      `Envelope fields missing or not strings: ${missing.join(', ')}`,
      missing.map((field) => ({ field, rule: 'isString', message: `${field} must be a non-empty string` })),
    );
  }
  if (!Number.isInteger(raw.version)) {
    return fail('EVENT.INVALID_ENVELOPE', 'Envelope version must be an integer', [{ field: 'version', rule: 'isInt', message: 'version must be an integer' }]);
  }
  if (Number.isNaN(Date.parse(raw.occurredAt as string))) {
    return fail('EVENT.INVALID_ENVELOPE', 'occurredAt is not a date', [
      { field: 'occurredAt', rule: 'isISO8601', message: 'occurredAt must be an ISO-8601 date' },
    ]);
  }
  const name = `${raw.type as string}.v${raw.version as number}`;
  if (name !== topic) return fail('EVENT.TOPIC_MISMATCH', `Event ${name} does not belong on topic ${topic}`);
  const def = findEventDefinition(name);
  if (!def) return fail('EVENT.UNKNOWN_TYPE', `No contract for event ${name}`);
  if (typeof raw.payload !== 'object' || raw.payload === null) {
    return fail('EVENT.INVALID_PAYLOAD', 'payload must be an object', [{ field: 'payload', rule: 'isObject', message: 'payload must be an object' }]);
  }
  const payload = plainToInstance(def.payload, raw.payload);
  const errors = validateSync(payload, { whitelist: true, forbidNonWhitelisted: false });
  if (errors.length) {
    const violations = toViolations(errors, 'payload');
    return fail('EVENT.INVALID_PAYLOAD', `Payload breaks ${name}: ${violations.map((v) => `${v.field} (${v.rule})`).join(', ')}`, violations);
  }
  return { ok: true, envelope: { ...(raw as unknown as EventEnvelope), payload } };
}
