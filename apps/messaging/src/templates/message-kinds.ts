import { CAMPAIGN_KINDS, type CampaignKind } from '@app/contracts';

/** Kinds of message, each with its own templates per locale. `campaign.<kind>` are marketing. */
export const MESSAGE_KINDS = [
  'sign_in_code',
  ...CAMPAIGN_KINDS.map((k) => `campaign.${k}` as const),
  'points_expiring',
  'tier_changed',
  'case_acknowledged',
  'case_resolved',
  'survey_invitation',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Every variable a template may use. */
export const TEMPLATE_VARIABLES = ['name', 'tier', 'points', 'expiryDate', 'couponCode', 'surveyLink', 'caseNumber', 'code', 'expiresInMinutes'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

const CAMPAIGN_VARIABLES: readonly TemplateVariable[] = ['name', 'tier'];

/** The variables each kind supplies: a template using any other is refused at save time. */
export const KIND_VARIABLES: Record<MessageKind, readonly TemplateVariable[]> = {
  sign_in_code: ['code', 'expiresInMinutes'],
  'campaign.welcome': CAMPAIGN_VARIABLES,
  'campaign.birthday': CAMPAIGN_VARIABLES,
  'campaign.win_back': CAMPAIGN_VARIABLES,
  'campaign.vip_care': CAMPAIGN_VARIABLES,
  'campaign.points_expiring': CAMPAIGN_VARIABLES,
  'campaign.custom': CAMPAIGN_VARIABLES,
  points_expiring: ['name', 'tier', 'points', 'expiryDate'],
  tier_changed: ['name', 'tier'],
  case_acknowledged: ['name', 'caseNumber'],
  // The resolution event carries outcome codes, no coupon: a coupon code is not a value of this kind.
  case_resolved: ['name', 'caseNumber'],
  survey_invitation: ['name', 'caseNumber', 'surveyLink'],
};

/** Marketing kinds need marketing consent, respect quiet hours and the frequency cap, and carry an unsubscribe link. */
export function isMarketing(kind: MessageKind): boolean {
  return kind.startsWith('campaign.');
}

export function campaignMessageKind(kind: CampaignKind): MessageKind {
  return `campaign.${kind}`;
}

export function isMessageKind(value: string): value is MessageKind {
  return (MESSAGE_KINDS as readonly string[]).includes(value);
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
