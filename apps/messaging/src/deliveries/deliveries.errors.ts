import { DomainError } from '@app/common';

/** Every error of the deliveries feature, one stable code each. */
export const DeliveriesErrors = {
  notFound: () => new DomainError('DELIVERIES.NOT_FOUND', 'not_found', 'No such message'),
};
