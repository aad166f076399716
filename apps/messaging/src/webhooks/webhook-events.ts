import { allEventDefinitions, CampaignMessageRequestedV1Event } from '@app/contracts';

/**
 * Events integrators may subscribe to: the published contracts (ids, no personal data), except
 * the platform's internal delivery requests.
 */
export const WEBHOOK_EVENT_NAMES: readonly string[] = allEventDefinitions()
  .map((d) => d.name)
  .filter((n) => n !== CampaignMessageRequestedV1Event.name);
