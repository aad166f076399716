import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ManualClock } from '@app/common';
import { TopicReader, uniqueSuffix, waitUntil } from '@app/testing';
import { E2E_ADMIN, startPlatform, type Platform } from './platform-harness';

/**
 * The web console in a real browser (Chromium, driven by Playwright) against the real services,
 * broker and database, through the gateway that serves it: staff sign-in, member search -> Member
 * 360, a goodwill points adjustment, the member's own page (and not another member's), an expired
 * token, readable API errors, both languages, the service desk (a breached case acknowledged and
 * resolved with compensation; a store manager kept to their store), and an accessibility check
 * (axe-core) of the main pages. Each journey saves a screenshot in .local/e2e-screenshots (UPDATE_SCREENSHOTS=1 also
 * refreshes the README's images in docs/images).
 */
const ROOT = path.resolve(__dirname, '../..');
const SHOTS = path.join(ROOT, '.local', 'e2e-screenshots');
const README_IMAGES = path.join(ROOT, 'docs', 'images');

/** The console as `npm start` serves it (built once; skipped when up to date) and the browser to drive. */
function prepare(): { consoleDir: string; executablePath: string | undefined } {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/console-build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  const lines = execFileSync(process.execPath, [path.join(ROOT, 'scripts/browser.mjs')], { cwd: ROOT, encoding: 'utf8' })
    .trim()
    .split('\n');
  return { consoleDir: path.join(ROOT, 'dist', 'console'), executablePath: lines[lines.length - 1] || undefined };
}

/** What the functions run inside the page use (the test's own types have no DOM). */
interface InPage {
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  fetch: typeof fetch;
  document: unknown;
  axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const H = 3_600_000;

describe('web console in a browser', () => {
  let p: Platform;
  /** Feedback's clock: a case can be opened "30 hours ago" so that its deadline has passed. */
  const feedbackClock = new ManualClock(new Date());
  let browser: Browser;
  /** Survey invitations (their one-time tokens), as the email's link carries them. */
  let surveys: TopicReader;
  let admin = '';
  const STORE = `e2e-console-${uniqueSuffix()}`;
  const OTHER_STORE = `e2e-console-other-${uniqueSuffix()}`;
  const REWARD = `tea-${uniqueSuffix()}`;
  const staff = {
    agent: { email: `agent-${uniqueSuffix()}@e2e.test`, password: 'agent-password-0123', role: 'service_agent' },
    supervisor: { email: `supervisor-${uniqueSuffix()}@e2e.test`, password: 'supervisor-password-0123', role: 'service_supervisor' },
    marketer: { email: `marketing-${uniqueSuffix()}@e2e.test`, password: 'marketing-password-0123', role: 'marketing' },
  };
  const otherStoreManager = { email: `manager-${uniqueSuffix()}@e2e.test`, password: 'manager-password-0123', role: 'store_manager', storeIds: [OTHER_STORE] };
  let breachedCaseId = '';
  let member = { memberId: '', cardNumber: '' };
  let otherMemberId = '';

  async function enrol(phone: string, name: string): Promise<{ memberId: string; cardNumber: string }> {
    const r = await p.call<{ memberId: string; cardNumber: string }>('POST', '/v1/members', {
      token: admin,
      body: {
        channel: 'store',
        name,
        phone,
        preferredStoreId: STORE,
        memberClass: 'regular',
        consents: { marketing: { granted: true, policyVersion: 'privacy-2026-01' }, analytics: { granted: false, policyVersion: 'privacy-2026-01' } },
      },
    });
    expect(r.status).toBe(201);
    return r.body;
  }

  /** A sale at the till once points knows the member (it learns of enrolments from events). */
  async function sale(memberId: string, apiKey: string, totalMinor: number): Promise<void> {
    const body = {
      storeId: STORE,
      terminalId: 'till-1',
      transactionId: `t-${uniqueSuffix()}`,
      member: { memberId },
      occurredAt: new Date().toISOString(),
      currency: 'CNY',
      lines: [{ sku: 'SKU-1', category: 'grocery', quantity: 1, unitPriceMinor: totalMinor, discountMinor: 0 }],
      totalMinor,
      tender: 'card',
    };
    for (let i = 0; i < 60; i++) {
      const r = await p.call<{ code?: string }>('POST', '/v1/pos/transactions', { apiKey, body });
      if (r.status === 201 || r.status === 200) return;
      if (r.body.code !== 'POS.MEMBER_UNKNOWN') throw new Error(`sale answered ${r.status}: ${JSON.stringify(r.body)}`);
      await new Promise((res) => setTimeout(res, 250));
    }
    throw new Error('points never learnt of the member');
  }

  /** A fresh browser context; `finish` checks that the page threw no script error, then closes it. */
  async function newPage(lang: 'zh-CN' | 'en' = 'en'): Promise<{ page: Page; finish: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: lang, timezoneId: 'Asia/Shanghai' });
    // The language choice is the app's own (remembered in localStorage): start each page in `lang`.
    await context.addInitScript(
      `try { if (!localStorage.getItem('loyalty.console.lang')) localStorage.setItem('loyalty.console.lang', '${lang}'); } catch (e) {}`,
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const finish = async () => {
      expect(errors).toEqual([]);
      await context.close();
    };
    return { page, finish };
  }

  async function signInStaff(page: Page, who: { email: string; password: string }): Promise<void> {
    await page.goto(`${p.gatewayUrl}/console/`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function signInCustomer(page: Page, memberId: string): Promise<void> {
    await page.goto(`${p.gatewayUrl}/console/sign-in`);
    await page.getByRole('tab', { name: 'Member' }).click();
    await page.getByLabel('Member id').fill(memberId);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function shot(page: Page, name: string, readmeImage?: string): Promise<void> {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    if (readmeImage && process.env.UPDATE_SCREENSHOTS === '1') {
      fs.mkdirSync(README_IMAGES, { recursive: true });
      await page.screenshot({ path: path.join(README_IMAGES, readmeImage), fullPage: false });
    }
  }

  /** axe-core on the page as it is now: no serious or critical WCAG 2 A/AA violation. */
  async function expectAccessible(page: Page): Promise<void> {
    // A dialog still fading out (or a drawer sliding in) is half-transparent text: axe would judge its contrast mid-animation.
    await page.waitForFunction(() => {
      type Running = { playState: string; effect: { getTiming(): { iterations: number } } | null };
      const doc = (globalThis as unknown as { document: { getAnimations(): Running[] } }).document;
      return doc.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity);
    });
    // Injected through the DevTools protocol: the console's CSP (rightly) refuses inline scripts.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Runtime.evaluate', { expression: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    await cdp.detach();
    const violations = await page.evaluate(async () => {
      const w = globalThis as unknown as InPage;
      const r = await w.axe.run(w.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  }

  /** The API as the signed-in page sees it (its own token), for comparing what is shown with what is served. */
  async function apiFromPage<T>(page: Page, urlPath: string): Promise<{ status: number; body: T }> {
    return (await page.evaluate(async (url) => {
      const w = globalThis as unknown as InPage;
      const session = JSON.parse(w.sessionStorage.getItem('loyalty.console.session') ?? '{}') as { token: string };
      const r = await w.fetch(url, { headers: { authorization: `Bearer ${session.token}` } });
      return { status: r.status, body: await r.json() };
    }, urlPath)) as { status: number; body: T };
  }

  const testId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

  beforeAll(async () => {
    const { consoleDir, executablePath } = prepare();
    p = await startPlatform({ gatewayEnv: { CONSOLE_DIR: consoleDir }, clocks: { feedback: feedbackClock } });
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    surveys = await TopicReader.start(['feedback.survey.requested.v1']);
    admin = (await p.call<{ accessToken: string }>('POST', '/v1/auth/token', { body: E2E_ADMIN })).body.accessToken;
    expect((await p.call('POST', '/v1/stores', { token: admin, body: { storeId: STORE, name: 'Console store' } })).status).toBe(201);
    expect((await p.call('POST', '/v1/stores', { token: admin, body: { storeId: OTHER_STORE, name: 'Another store' } })).status).toBe(201);
    for (const u of [...Object.values(staff), otherStoreManager]) {
      expect((await p.call('POST', '/v1/staff', { token: admin, body: { ...u, displayName: u.role } })).status).toBe(201);
    }
    const posKey = (await p.call<{ apiKey: string }>('POST', `/v1/stores/${STORE}/api-keys`, { token: admin, body: { label: 'till 1' } })).body.apiKey;
    const suffix = String(Date.now()).slice(-8);
    member = await enrol(`139${suffix}`, 'Chen Jie');
    otherMemberId = (await enrol(`137${suffix}`, 'Liu Yang')).memberId;
    await sale(member.memberId, posKey, 12_800);
    const goodwill = { adjustmentId: `seed-${uniqueSuffix()}`, points: 300, reasonCode: 'goodwill' };
    expect((await p.call('POST', `/v1/members/${member.memberId}/points/adjustments`, { token: admin, body: goodwill })).status).toBe(201);
    expect(
      (await p.call('POST', '/v1/rewards', { token: admin, body: { rewardId: REWARD, name: 'Tea voucher', description: 'One pot of tea', pointsCost: 100 } }))
        .status,
    ).toBe(201);
  }, 300_000); // may build the console first (npm test builds it before jest; a targeted run here)

  afterAll(async () => {
    await surveys?.stop();
    await browser?.close();
    await p?.close();
  });

  it('serves the console from the gateway with its own security policy, and every page as the app', async () => {
    const index = await fetch(`${p.gatewayUrl}/console/members/anything`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('<div id="root">');
    const missing = await fetch(`${p.gatewayUrl}/console/assets/missing.js`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('REQUEST.NOT_FOUND');
  });

  it('renders in Chinese by default and switches to English', async () => {
    const { page, finish } = await newPage('zh-CN');
    await page.goto(`${p.gatewayUrl}/console/`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await expectAccessible(page);
    await shot(page, 'sign-in-zh');
    await testId(page, 'lang-switch').click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await finish();
  });

  it('shows a refused sign-in as a readable message with its code', async () => {
    const { page, finish } = await newPage();
    await signInStaff(page, { email: staff.agent.email, password: 'not-the-password-0' });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('AUTH.INVALID_CREDENTIALS');
    await finish();
  });

  it('lets an agent find a member by card number and see Member 360 matching the API, without the adjustment they may not make', async () => {
    const { page, finish } = await newPage();
    await signInStaff(page, staff.agent);
    await page.waitForURL('**/console/members');
    expect(await testId(page, 'signed-in-as').innerText()).toContain(staff.agent.email);
    await expectAccessible(page);
    await page.getByLabel('Search for').fill(member.cardNumber);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(`**/console/members/${member.memberId}`);
    await testId(page, 'points-card').waitFor();
    expect(await testId(page, 'member-card-number').innerText()).toBe(member.cardNumber);
    expect(await testId(page, 'member-name').innerText()).not.toContain('Chen Jie'); // masked for staff

    const balance = await apiFromPage<{ available: number; pending: number }>(page, `/v1/members/${member.memberId}/points/balance`);
    expect(balance.body.pending).toBeGreaterThan(0);
    expect(await testId(page, 'points-pending').innerText()).toBe(balance.body.pending.toLocaleString('en'));
    expect(await testId(page, 'points-available').innerText()).toBe(balance.body.available.toLocaleString('en'));
    const tier = await apiFromPage<{ tier: { name: string } }>(page, `/v1/members/${member.memberId}/tier-status`);
    expect(await testId(page, 'tier-name').innerText()).toBe(tier.body.tier.name);
    expect(await testId(page, 'adjust-open').count()).toBe(0);
    await expectAccessible(page);
    await shot(page, 'member-360-agent');
    await finish();
  });

  it('lets a supervisor make a goodwill adjustment that Member 360 and the ledger then show', async () => {
    const { page, finish } = await newPage();
    await signInStaff(page, staff.supervisor);
    await page.waitForURL('**/console/members');
    await page.goto(`${p.gatewayUrl}/console/members/${member.memberId}`);
    const before = await apiFromPage<{ available: number }>(page, `/v1/members/${member.memberId}/points/balance`);
    await testId(page, 'adjust-open').click();
    await page.getByLabel('Points (positive adds, negative deducts)').fill('150');
    await page.getByLabel('Note (audit only)').fill('Late delivery');
    await page.getByRole('button', { name: 'Adjust', exact: true }).click();
    const expected = (before.body.available + 150).toLocaleString('en');
    await page.locator('[data-testid="points-available"]', { hasText: new RegExp(`^${expected}$`) }).waitFor({ timeout: 15_000 });
    const after = await apiFromPage<{ available: number }>(page, `/v1/members/${member.memberId}/points/balance`);
    expect(after.body.available).toBe(before.body.available + 150);
    await page.getByRole('cell', { name: 'Adjustment' }).first().waitFor();
    await shot(page, 'member-360-adjusted', 'console-member-360.png');

    // The same page in Chinese: every label translated, still accessible (once the success
    // message has faded: axe reads its fading text as low contrast).
    await page.locator('.ant-message-notice').waitFor({ state: 'detached', timeout: 15_000 });
    await testId(page, 'lang-switch').click();
    await page.getByRole('heading', { name: '积分明细' }).waitFor();
    await page.getByRole('cell', { name: '人工调整' }).first().waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await expectAccessible(page);
    await shot(page, 'member-360-zh', 'console-member-360-zh.png');
    await finish();
  });

  it("shows a member their own tier and points as the API has them, and not another member's", async () => {
    const { page, finish } = await newPage();
    await signInCustomer(page, member.memberId);
    await page.waitForURL('**/console/me');
    await testId(page, 'points-card').waitFor();
    const status = await apiFromPage<{ membership: { tier: { name: string } }; points: { available: number; pending: number; expiringWithin30Days: number } }>(
      page,
      '/v1/me/status',
    );
    expect(await testId(page, 'tier-name').innerText()).toBe(status.body.membership.tier.name);
    expect(await testId(page, 'points-available').innerText()).toBe(status.body.points.available.toLocaleString('en'));
    expect(await testId(page, 'points-pending').innerText()).toBe(status.body.points.pending.toLocaleString('en'));
    expect(await testId(page, 'points-expiring').innerText()).toBe(status.body.points.expiringWithin30Days.toLocaleString('en'));
    await expectAccessible(page);

    // They spend 100 points on a reward; its coupon is on their page and the points are gone.
    await page.getByRole('link', { name: 'Rewards' }).click();
    await page
      .getByRole('row', { name: /Tea voucher/ })
      .getByRole('button', { name: 'Redeem' })
      .click();
    await page.getByRole('tooltip').getByRole('button', { name: 'OK', exact: true }).click(); // the confirmation
    const code = await page.locator('.ant-modal-confirm code').innerText();
    await page.getByRole('dialog').getByRole('button', { name: 'OK', exact: true }).click(); // the coupon code shown
    await page.getByRole('link', { name: 'My membership' }).click();
    await page.getByRole('cell', { name: code }).waitFor();
    expect(await testId(page, 'points-available').innerText()).toBe((status.body.points.available - 100).toLocaleString('en'));
    await shot(page, 'my-membership', 'console-my-membership.png');

    // They complain, and follow the case on their page.
    await testId(page, 'open-case').click();
    await page.getByLabel('Description').fill('The milk was past its date');
    await page.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
    await page
      .getByRole('row', { name: /The milk was past its date/ })
      .getByText('New')
      .waitFor();
    expect((await apiFromPage<{ items: unknown[] }>(page, '/v1/me/cases')).body.items).toHaveLength(1);
    await expectAccessible(page);

    // Another member's page is not theirs: the console does not route it, and the API refuses it.
    await page.goto(`${p.gatewayUrl}/console/members/${otherMemberId}`);
    await page.getByText('Your role may not do this.').waitFor();
    expect((await apiFromPage(page, `/v1/members/${otherMemberId}/status`)).status).toBe(403);
    expect((await apiFromPage(page, `/v1/members/${otherMemberId}/points/balance`)).status).toBe(403);
    await finish();
  });

  it('lets a marketer create a campaign for a member and dispatch it, and see who was reached', async () => {
    const { page, finish } = await newPage();
    await signInStaff(page, staff.marketer);
    await page.waitForURL('**/console/segments');
    expect(await page.getByRole('link', { name: 'Members' }).count()).toBe(0); // not their data
    expect(await page.getByRole('link', { name: 'Service desk' }).count()).toBe(0);
    await page.locator('[data-testid="rfm-grid"] [role="img"]').waitFor();
    await page.getByRole('cell', { name: 'Champions' }).waitFor();
    await expectAccessible(page);
    await shot(page, 'segments');

    await page.getByRole('link', { name: 'Campaigns' }).click();
    // A campaign for a segment: the audience is the At Risk members.
    await page.getByRole('button', { name: 'New campaign' }).click();
    const segmentCampaign = `At risk ${uniqueSuffix()}`;
    await page.getByLabel('Name').fill(segmentCampaign);
    await page.getByRole('combobox', { name: 'By RFM segment' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="At risk"]').click();
    await page.getByLabel('Name').click(); // closes the (multiple) select's list
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByRole('row', { name: new RegExp(segmentCampaign) }).waitFor();

    await page.getByRole('button', { name: 'New campaign' }).click();
    const name = `Win-back ${uniqueSuffix()}`;
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Member ids (comma or line separated)').fill(`${member.memberId}\n${otherMemberId}`);
    await page.getByRole('button', { name: 'Save' }).click();
    const row = page.getByRole('row', { name: new RegExp(name) });
    await row.getByRole('button', { name: 'Dispatch' }).click();
    await row.getByText('Dispatched').waitFor({ timeout: 15_000 });
    await row.getByRole('button', { name: 'Expand row' }).click();
    await page.getByText('Sent').first().waitFor();
    await expectAccessible(page);
    await shot(page, 'campaigns');
    await finish();
  });

  it('gives an admin the programme, stores with a POS key shown once, and staff users', async () => {
    const { page, finish } = await newPage();
    await signInStaff(page, E2E_ADMIN);
    await page.waitForURL('**/console/members');
    await page.getByRole('link', { name: 'Points & tiers' }).click();
    await page.getByRole('button', { name: 'Simulate on current members' }).click();
    await page.locator('[data-testid="simulation"] [role="img"]').waitFor();
    await expectAccessible(page);
    await shot(page, 'programme');

    await page.getByRole('link', { name: 'Stores & POS keys' }).click();
    await page
      .getByRole('row', { name: new RegExp(STORE) })
      .getByRole('button', { name: 'Expand row' })
      .click();
    await page.getByRole('button', { name: 'Issue a new key' }).click();
    expect(await testId(page, 'issued-key').innerText()).toMatch(/^lpk_/);
    await page.getByRole('dialog').getByRole('button', { name: 'OK', exact: true }).click();
    await page.locator('.ant-modal-confirm').waitFor({ state: 'hidden' }); // axe reads a fading dialog as low contrast
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Staff users' }).click();
    await page.getByRole('cell', { name: staff.agent.email, exact: true }).waitFor();
    await expectAccessible(page);
    await finish();
  });

  it('lets an agent open a breached case from the queue, acknowledge it and resolve it with compensation that Member 360 then shows', async () => {
    // A complaint opened 30 hours ago by feedback's clock: its acknowledge deadline (24 h) has
    // passed, and the SLA scheduler records the breach and escalates it.
    feedbackClock.set(new Date(Date.now() - 30 * H));
    const opened = await p.call<{ caseId: string }>('POST', '/v1/feedback/cases', {
      token: admin,
      body: {
        kind: 'complaint',
        subtype: 'complaint',
        category: 'payment_checkout',
        severity: 'normal',
        channel: 'phone',
        storeId: STORE,
        memberId: member.memberId,
        description: '收银员多收钱，小票上的价格和价签不符',
      },
    });
    expect(opened.status).toBe(201);
    breachedCaseId = opened.body.caseId;
    feedbackClock.set(new Date());
    expect((await p.call('POST', '/v1/feedback/jobs/run', { token: admin })).status).toBe(200);

    const { page, finish } = await newPage();
    await signInStaff(page, staff.agent);
    await page.waitForURL('**/console/members');
    await page.getByRole('link', { name: 'Service desk' }).click();
    await page.locator('.ant-segmented').getByText('Breached', { exact: true }).click();
    const row = page.getByRole('row', { name: new RegExp(breachedCaseId) });
    await row.locator('[data-testid="deadline-acknowledge"][data-state="breached"]').waitFor();
    await expectAccessible(page);
    await shot(page, 'service-desk', 'console-service-desk.png');

    const before = await apiFromPage<{ available: number }>(page, `/v1/members/${member.memberId}/points/balance`);
    await row.getByRole('link', { name: breachedCaseId }).click();
    await page.waitForURL(`**/console/service-desk/cases/${breachedCaseId}`);
    expect(await testId(page, 'case-escalation').innerText()).toBe('1');
    await page.getByText('Acknowledgement overdue').waitFor();
    await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await testId(page, 'case-status').filter({ hasText: 'Acknowledged' }).waitFor();
    await testId(page, 'resolve-open').click();
    await page.getByLabel('Compensation points (optional)').fill('50');
    await page.getByLabel('Note').fill('Refunded the difference; points for the trouble');
    await page.getByRole('dialog').getByRole('button', { name: 'Resolve', exact: true }).click();
    await testId(page, 'case-status').filter({ hasText: 'Resolved' }).waitFor();
    expect(await testId(page, 'case-compensation').innerText()).toBe('50 points · granted');
    await page.getByRole('button', { name: 'Reopen' }).waitFor(); // what a resolved case allows
    await page.locator('.ant-message-notice').waitFor({ state: 'detached', timeout: 15_000 });
    await expectAccessible(page);
    await shot(page, 'service-desk-case');

    // The points reach the balance by event; Member 360 then shows what the API has.
    const credited = async () =>
      (await apiFromPage<{ available: number }>(page, `/v1/members/${member.memberId}/points/balance`)).body.available === before.body.available + 50;
    await waitUntil(credited, 30_000, 'compensation on the balance');
    await page.getByRole('link', { name: member.memberId }).click();
    await page.waitForURL(`**/console/members/${member.memberId}`);
    await page.locator('[data-testid="points-available"]', { hasText: new RegExp(`^${(before.body.available + 50).toLocaleString('en')}$`) }).waitFor();

    // A new case for the member, from Member 360.
    await testId(page, 'open-case').click();
    await page.getByLabel('Description').fill('Asked about the points of the last purchase');
    await page.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL('**/console/service-desk/cases/**');
    await testId(page, 'case-status').filter({ hasText: 'New' }).waitFor();
    await finish();
  });

  it("lets the customer answer the resolved case's survey from the invitation's link, once, without signing in", async () => {
    const invitation = await surveys.waitFor((m) => m.topic === 'feedback.survey.requested.v1' && m.value!.includes(breachedCaseId));
    const token = invitation.json<{ payload: { token: string } }>().payload.token;
    const { page, finish } = await newPage('zh-CN');
    await page.goto(`${p.gatewayUrl}/console/survey/${encodeURIComponent(token)}`);
    await page.getByText('您对我们处理此次反馈的服务满意吗？').waitFor();
    await testId(page, 'lang-switch').click();
    await page.getByText('2', { exact: true }).click(); // 2 of 5: dissatisfied
    expect(await page.getByRole('radio', { name: '2' }).isChecked()).toBe(true);
    await page.getByLabel('Comment (optional)').fill('Still waiting for the refund');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Thank you for your answer!').waitFor();
    const followUp = await page.getByText(/We opened follow-up case (\S+);/).innerText();
    const followUpCaseId = /case (\S+);/.exec(followUp)![1];
    const opened = await p.call<{ followUpOf: string; description: string }>('GET', `/v1/feedback/cases/${followUpCaseId}`, { token: admin });
    expect(opened.body).toMatchObject({ followUpOf: breachedCaseId, description: 'Still waiting for the refund' });
    await shot(page, 'survey');

    // The link works once: the same page again says so, readably.
    await page.reload();
    await page.getByText('5', { exact: true }).click();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('alert').filter({ hasText: 'This survey was already answered.' }).waitFor();
    await finish();
  });

  it("keeps a store manager to their own store's cases and KPIs", async () => {
    const { page, finish } = await newPage();
    await signInStaff(page, otherStoreManager);
    await page.waitForURL('**/console/members');
    const cases = page.waitForResponse((r) => r.url().includes('/v1/feedback/cases?') && r.url().includes('queue=all'));
    await page.getByRole('link', { name: 'Service desk' }).click();
    await page.locator('.ant-segmented').getByText('All', { exact: true }).click();
    expect((await cases).status()).toBe(200);
    await page.locator('.ant-table-tbody').waitFor();
    expect(await page.getByRole('row', { name: new RegExp(breachedCaseId) }).count()).toBe(0);
    await expectAccessible(page);
    expect((await apiFromPage(page, `/v1/feedback/cases/${breachedCaseId}`)).status).toBe(403);
    expect((await apiFromPage(page, `/v1/feedback/metrics?storeId=${STORE}`)).status).toBe(403);
    await page.goto(`${p.gatewayUrl}/console/service-desk/cases/${breachedCaseId}`);
    expect(await page.getByRole('alert').innerText()).toContain('FEEDBACK.NOT_YOUR_STORE');

    // Their KPIs are their store's; another store's are refused.
    await page.getByRole('link', { name: 'Service KPIs' }).click();
    await testId(page, 'kpis').waitFor();
    await page.locator('[role="img"][aria-label^="On time"]').waitFor();
    await expectAccessible(page);
    await shot(page, 'service-kpis');
    await finish();
  });

  it('leads back to sign-in when the token is no longer accepted', async () => {
    const { page, finish } = await newPage();
    await page.goto(`${p.gatewayUrl}/console/sign-in`);
    const stale = {
      token: 'not-a-valid-token',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      actor: { id: 'x', role: 'service_agent', storeIds: [] },
      label: 'someone',
    };
    await page.evaluate((value) => (globalThis as unknown as InPage).sessionStorage.setItem('loyalty.console.session', value), JSON.stringify(stale));
    await page.goto(`${p.gatewayUrl}/console/members/${member.memberId}`);
    await page.waitForURL('**/console/sign-in');
    await page.getByText('Your session has expired. Please sign in again.').waitFor();
    await finish();
  });

  it('keeps the console API types in step with the document the gateway serves', async () => {
    const live = await (await fetch(`${p.gatewayUrl}/docs-json`)).json();
    const committed = JSON.parse(fs.readFileSync(path.join(ROOT, 'apps/console/src/api/openapi.json'), 'utf8'));
    expect(live).toEqual(committed); // when this fails: npm run console:api
  });
});
