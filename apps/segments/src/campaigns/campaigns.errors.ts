import { ConflictError, NotFoundError, ValidationFailedError, type FieldViolation } from '@app/common';

/** Errors of the campaigns feature (stable codes). */
export const CampaignErrors = {
  notFound: (campaignId: string) => new NotFoundError('CAMPAIGN.NOT_FOUND', 'No such campaign', { campaignId }),
  isTriggered: (campaignId: string) => new ConflictError('CAMPAIGN.TRIGGERED', 'A triggered campaign is activated, not dispatched', { campaignId }),
  notTriggered: (campaignId: string) =>
    new ConflictError('CAMPAIGN.NOT_TRIGGERED', 'Only a triggered campaign can be activated; dispatch this one', { campaignId }),
  invalid: (violations: FieldViolation[]) => new ValidationFailedError(violations),
};
