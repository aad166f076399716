import { CAMPAIGN_KINDS, type CampaignKind } from '@app/contracts';
import type { Locale, MessageKind } from './message-kinds';
import type { TemplateContent } from './template-rendering';

/**
 * Templates every kind starts with, in zh-CN and English, so that a message can go out before
 * anyone has written one. Saved templates replace them per kind and locale.
 */
const CAMPAIGN_TEXT: Record<CampaignKind, Record<Locale, TemplateContent>> = {
  welcome: {
    'zh-CN': { subject: '欢迎加入会员计划', text: '{{name}}，您好！\n\n欢迎成为我们的{{tier}}会员。消费即可累积积分，兑换礼品与优惠。' },
    en: {
      subject: 'Welcome to our membership',
      text: 'Hello {{name}},\n\nWelcome as a {{tier}} member. Every purchase earns points you can redeem for gifts and discounts.',
    },
  },
  birthday: {
    'zh-CN': { subject: '生日快乐！会员专属生日礼遇', text: '{{name}}，您好！\n\n祝您生日快乐！本月到店可享{{tier}}会员生日专属优惠。' },
    en: {
      subject: 'Happy birthday! A member birthday treat',
      text: 'Hello {{name}},\n\nHappy birthday! As a {{tier}} member you have a birthday offer in store this month.',
    },
  },
  win_back: {
    'zh-CN': { subject: '好久不见，我们想念您', text: '{{name}}，您好！\n\n好久不见。回来看看吧，新品与会员优惠正在等您。' },
    en: { subject: 'We miss you', text: 'Hello {{name}},\n\nIt has been a while. Come back and see what is new, with member offers waiting for you.' },
  },
  vip_care: {
    'zh-CN': { subject: '{{tier}}会员专属关怀', text: '{{name}}，您好！\n\n感谢您一直以来的支持，专属顾问随时为您服务。' },
    en: { subject: 'Exclusive care for {{tier}} members', text: 'Hello {{name}},\n\nThank you for your loyalty. Your dedicated adviser is at your service.' },
  },
  points_expiring: {
    'zh-CN': { subject: '您的积分即将到期', text: '{{name}}，您好！\n\n您有积分即将到期，请尽快兑换心仪的礼品。' },
    en: { subject: 'Your points expire soon', text: 'Hello {{name}},\n\nSome of your points expire soon: redeem them for a reward before they do.' },
  },
  custom: {
    'zh-CN': { subject: '会员资讯', text: '{{name}}，您好！\n\n我们为{{tier}}会员准备了新的活动，欢迎到店了解。' },
    en: { subject: 'Member news', text: 'Hello {{name}},\n\nThere is something new for {{tier}} members: ask in store.' },
  },
};

const OTHER_TEXT: Record<Exclude<MessageKind, `campaign.${string}`>, Record<Locale, TemplateContent>> = {
  sign_in_code: {
    'zh-CN': {
      subject: '您的登录验证码：{{code}}',
      text: '您的登录验证码是 {{code}}，{{expiresInMinutes}} 分钟内有效。请勿告诉他人。如非本人操作，请忽略本邮件。',
    },
    en: {
      subject: 'Your sign-in code: {{code}}',
      text: 'Your sign-in code is {{code}}. It is valid for {{expiresInMinutes}} minutes. Never share it. If you did not ask for it, ignore this email.',
    },
  },
  points_expiring: {
    'zh-CN': {
      subject: '您有 {{points}} 积分将于 {{expiryDate}} 到期',
      text: '{{name}}，您好！\n\n您有 {{points}} 积分将于 {{expiryDate}} 到期，请及时兑换。',
    },
    en: {
      subject: '{{points}} points expire on {{expiryDate}}',
      text: 'Hello {{name}},\n\n{{points}} of your points expire on {{expiryDate}}. Redeem them before then.',
    },
  },
  tier_changed: {
    'zh-CN': { subject: '您的会员等级已更新为{{tier}}', text: '{{name}}，您好！\n\n您的会员等级已更新为{{tier}}。' },
    en: { subject: 'Your membership tier is now {{tier}}', text: 'Hello {{name}},\n\nYour membership tier is now {{tier}}.' },
  },
  case_acknowledged: {
    'zh-CN': {
      subject: '我们已收到您的反馈（编号 {{caseNumber}}）',
      text: '{{name}}，您好！\n\n我们已收到您的反馈，编号 {{caseNumber}}，将在 48 小时内答复您。',
    },
    en: {
      subject: 'We have your feedback (case {{caseNumber}})',
      text: 'Hello {{name}},\n\nWe have received your feedback, case {{caseNumber}}, and will answer within 48 hours.',
    },
  },
  case_resolved: {
    'zh-CN': { subject: '您的反馈已处理（编号 {{caseNumber}}）', text: '{{name}}，您好！\n\n您的反馈（编号 {{caseNumber}}）已处理完毕。感谢您的耐心。' },
    en: { subject: 'Your case {{caseNumber}} is resolved', text: 'Hello {{name}},\n\nYour case {{caseNumber}} is resolved. Thank you for your patience.' },
  },
  survey_invitation: {
    'zh-CN': { subject: '请为我们的服务评分', text: '{{name}}，您好！\n\n关于您的反馈（编号 {{caseNumber}}），请花一分钟为我们的服务评分：{{surveyLink}}' },
    en: { subject: 'How did we do?', text: 'Hello {{name}},\n\nAbout your case {{caseNumber}}: please take a minute to rate our service: {{surveyLink}}' },
  },
};

export function defaultTemplate(kind: MessageKind, locale: Locale): TemplateContent {
  if (kind.startsWith('campaign.')) {
    const campaignKind = kind.slice('campaign.'.length) as CampaignKind;
    if ((CAMPAIGN_KINDS as readonly string[]).includes(campaignKind)) return CAMPAIGN_TEXT[campaignKind][locale];
  }
  return OTHER_TEXT[kind as keyof typeof OTHER_TEXT][locale];
}

/** What greets a member who gave no name. */
export const NAMELESS: Record<Locale, string> = { 'zh-CN': '尊敬的会员', en: 'valued member' };

/** Footer of every marketing email (both languages): why they get it and how to stop it. */
export function unsubscribeFooter(locale: Locale, url: string): { text: string; html: string } {
  const line = locale === 'zh-CN' ? `不想再收到营销邮件？一键退订：${url}` : `Don't want these emails? Unsubscribe in one click: ${url}`;
  const label = locale === 'zh-CN' ? '一键退订' : 'Unsubscribe';
  return { text: `\n\n--\n${line}\n`, html: `<hr><p style="font-size:12px;color:#666"><a href="${url}">${label}</a></p>` };
}
