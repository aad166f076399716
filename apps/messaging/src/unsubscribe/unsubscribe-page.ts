import { escapeHtml } from '../templates/template-rendering';

/** The pages a member sees after following an unsubscribe link (both languages, no scripts). */
const page = (title: string, body: string): string =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head><body style="font-family:sans-serif;max-width:32em;margin:3em auto">${body}</body></html>`;

export function confirmPage(token: string): string {
  return page(
    '退订营销邮件 / Unsubscribe',
    `<h1>退订营销邮件</h1><p>确认后，您将不再收到营销邮件（交易通知不受影响）。</p><h2>Unsubscribe</h2><p>After you confirm, you will get no more marketing emails (account notices still arrive).</p>` +
      `<form method="post" action="?token=${escapeHtml(encodeURIComponent(token))}"><button type="submit">确认退订 / Unsubscribe</button></form>`,
  );
}

export function donePage(): string {
  return page('已退订 / Unsubscribed', '<h1>您已退订营销邮件。</h1><p>You are unsubscribed from marketing emails.</p>');
}
