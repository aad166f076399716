import { DomainError, ValidationFailedError } from '@app/common';
import { WEBHOOK_EVENT_NAMES } from './webhook-events';

/** Every error of the webhooks feature, one stable code each. */
export const WebhooksErrors = {
  notFound: () => new DomainError('WEBHOOKS.NOT_FOUND', 'not_found', 'No such webhook endpoint'),
  unknownEventTypes: (indexes: Array<[number, string]>) =>
    new ValidationFailedError(
      indexes.map(([i, name]) => ({
        field: `eventTypes[${i}]`,
        rule: 'isIn',
        message: `${name} is not an event integrators may subscribe to (one of ${WEBHOOK_EVENT_NAMES.join(', ')})`,
      })),
      'WEBHOOKS.UNKNOWN_EVENT_TYPE',
    ),
};
