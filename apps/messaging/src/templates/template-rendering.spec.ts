import { renderTemplate, templateViolations, variablesUsed } from './template-rendering';

describe('template rules', () => {
  it('lists the variables a text uses', () => {
    expect(variablesUsed('Hi {{name}}, {{ tier }} and {{name}}')).toEqual(['name', 'tier']);
  });

  it('accepts a template that uses only what its kind supplies', () => {
    expect(templateViolations('campaign.welcome', { subject: '欢迎 {{name}}', text: '{{name}} {{tier}}' })).toEqual([]);
  });

  it('refuses at save time a variable the kind does not supply, naming field and rule', () => {
    expect(templateViolations('campaign.welcome', { subject: 'Hi', text: 'Your code {{couponCode}}' })).toEqual([
      expect.objectContaining({ field: 'text', rule: 'variableOfKind' }),
    ]);
  });

  it('refuses an unknown variable and an unbalanced placeholder', () => {
    const v = templateViolations('tier_changed', { subject: 'Hi {{nmae}}', text: 'Hello {{name}', html: '<p>{{tier}}</p>' });
    expect(v.map((x) => `${x.field}:${x.rule}`)).toEqual(['subject:knownVariable', 'text:placeholderSyntax']);
  });

  it('refuses a subject on several lines', () => {
    expect(templateViolations('tier_changed', { subject: 'a\nb', text: 'x' })).toEqual([expect.objectContaining({ field: 'subject', rule: 'singleLine' })]);
  });
});

describe('rendering', () => {
  it('fills variables and escapes them in HTML only', () => {
    const r = renderTemplate({ subject: 'Hi {{name}}', text: 'Dear {{name}}', html: '<p>{{name}}</p>' }, { name: 'Li <Lei>' });
    expect(r).toEqual({ ok: true, message: { subject: 'Hi Li <Lei>', text: 'Dear Li <Lei>', html: '<p>Li &lt;Lei&gt;</p>' } });
  });

  it('reports a missing value instead of leaving a blank', () => {
    expect(renderTemplate({ subject: 'x', text: '{{points}} points expire on {{expiryDate}}' }, { points: '120' })).toEqual({
      ok: false,
      missing: ['expiryDate'],
    });
  });

  it('keeps the subject on one line whatever a value holds', () => {
    const r = renderTemplate({ subject: 'Hi {{name}}', text: 't' }, { name: 'a\r\nBcc: x@y' });
    expect(r.ok && r.message.subject).toBe('Hi a Bcc: x@y');
  });
});
