import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { allEventDefinitions, EventHeaders, type EventDefinition } from '@app/contracts';

type Schema = Record<string, unknown>;

/**
 * JSON Schema of a class-validator payload class, read from its decorators. Covers the
 * decorators the contracts use; an unknown decorator is listed under `x-constraints` rather
 * than guessed, so the schema never claims more than the validator checks.
 */
export function schemaOf(cls: new () => object, seen = new Set<unknown>()): Schema {
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const m of metas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [name, list] of byProperty) {
    const prop: Schema = {};
    const other: string[] = [];
    let optional = false;
    let nested: unknown;
    let each = false;
    for (const m of list) {
      const c = (m.constraints ?? []) as unknown[];
      const kind = m.name ?? m.type;
      if (m.each) each = true;
      switch (kind) {
        case 'isString':
          prop.type = 'string';
          break;
        case 'isInt':
          prop.type = 'integer';
          break;
        case 'isNumber':
          prop.type = 'number';
          break;
        case 'isBoolean':
          prop.type = 'boolean';
          break;
        case 'isIso8601':
        case 'isISO8601':
        case 'isDateString':
          prop.type = 'string';
          prop.format = 'date-time';
          break;
        case 'isUUID':
          prop.type = 'string';
          prop.format = 'uuid';
          break;
        case 'isEmail':
          prop.type = 'string';
          prop.format = 'email';
          break;
        case 'isIn':
          prop.enum = c[0];
          break;
        case 'maxLength':
          prop.maxLength = c[0];
          break;
        case 'minLength':
          prop.minLength = c[0];
          break;
        case 'isLength':
        case 'length':
          prop.minLength = c[0];
          if (c[1] !== undefined) prop.maxLength = c[1];
          break;
        case 'min':
          prop.minimum = c[0];
          break;
        case 'max':
          prop.maximum = c[0];
          break;
        case 'isArray':
          prop.type = 'array';
          break;
        case 'arrayMaxSize':
          prop.maxItems = c[0];
          break;
        case 'arrayMinSize':
          prop.minItems = c[0];
          break;
        case 'isObject':
          prop.type = 'object';
          break;
        case 'matches':
          prop.type = 'string';
          prop.pattern = String(c[0]).replace(/^\/|\/[a-z]*$/g, '');
          break;
        case 'conditionalValidation':
        case 'isOptional':
          optional = true;
          break;
        case 'nestedValidation':
          nested = true;
          break;
        default:
          other.push(String(kind));
      }
    }
    if (nested) {
      const target = nestedType(cls, name);
      const item = target && !seen.has(target) ? schemaOf(target, new Set([...seen, cls])) : { type: 'object' };
      if (prop.type === 'array' || each) Object.assign(prop, { type: 'array', items: item });
      else Object.assign(prop, item);
    } else if (prop.type === 'array' && each) {
      // `each` constraints describe the items.
      const { type: _t, maxItems, minItems, ...items } = prop;
      for (const k of Object.keys(prop)) delete prop[k];
      Object.assign(prop, { type: 'array', items, ...(maxItems !== undefined ? { maxItems } : {}), ...(minItems !== undefined ? { minItems } : {}) });
    }
    if (optional) prop.nullable = true;
    else required.push(name);
    if (other.length) prop['x-constraints'] = other;
    properties[name] = prop;
  }
  return { type: 'object', additionalProperties: false, properties, required };
}

type TypeMetadataStorage = { defaultMetadataStorage: { findTypeMetadata(t: unknown, p: string): { typeFunction(): unknown } | undefined } };

function nestedType(cls: new () => object, property: string): (new () => object) | undefined {
  // class-transformer's @Type(() => X) metadata.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { defaultMetadataStorage: storage } = require('class-transformer/cjs/storage') as TypeMetadataStorage;
  const meta = storage.findTypeMetadata(cls, property);
  const t = meta?.typeFunction();
  return typeof t === 'function' ? (t as new () => object) : undefined;
}

/** AsyncAPI 2.6 document of every event in the catalogue (topic = channel). */
export function buildEventCatalogue(definitions: EventDefinition[] = allEventDefinitions()): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const def of definitions) {
    const messageName = def.name;
    messages[messageName] = {
      name: def.type,
      title: def.name,
      summary: def.description,
      contentType: 'application/json',
      'x-version': def.version,
      headers: {
        type: 'object',
        properties: Object.fromEntries(Object.values(EventHeaders).map((h) => [h, { type: 'string' }])),
      },
      payload: {
        type: 'object',
        description: 'Envelope: id, type, version, occurredAt, source, correlationId, causationId, partitionKey and the payload',
        required: ['id', 'type', 'version', 'occurredAt', 'source', 'correlationId', 'partitionKey', 'payload'],
        properties: {
          id: { type: 'string' },
          type: { type: 'string', const: def.type },
          version: { type: 'integer', const: def.version },
          occurredAt: { type: 'string', format: 'date-time' },
          source: { type: 'string' },
          correlationId: { type: 'string' },
          causationId: { type: 'string', nullable: true },
          partitionKey: { type: 'string', description: 'Kafka message key (member id where a member is concerned)' },
          payload: schemaOf(def.payload),
        },
      },
    };
    channels[def.topic] = {
      description: def.description,
      subscribe: { operationId: `on_${def.name.replace(/[^A-Za-z0-9]/g, '_')}`, message: { $ref: `#/components/messages/${messageName}` } },
    };
  }
  return {
    asyncapi: '2.6.0',
    info: {
      title: 'Loyalty platform events',
      version: '1',
      description:
        'Every event the services publish on Kafka, generated from the contracts (libs/contracts EventCatalog). Topic = `${type}.v${version}`; a failed event goes to `<service>.dlq`.',
    },
    defaultContentType: 'application/json',
    channels,
    components: { messages },
  };
}
