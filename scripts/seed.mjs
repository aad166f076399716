// Demo data through the public API (so it exercises what a client would): the bootstrap admin
// signs in, creates a demo store, a staff user per role (console sign-ins) and a POS API key, enrols demo members, records a demo sale and
// gets a customer token. Idempotent: re-running reuses what exists. Everything a script needs is
// written to the credentials file (JSON).
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { httpJson } from './lib-common.mjs';

const DEMO_STORE = { storeId: 'demo-store-001', name: 'Demo Store, Nanjing Road' };
const DEMO_MEMBERS = [
  { name: 'Li Wei', phone: '13800138001', email: 'li.wei@example.com', birthday: '1990-05-17', memberClass: 'regular' },
  { name: 'Wang Fang', phone: '13800138002', email: 'wang.fang@example.com', birthday: '1985-11-02', memberClass: 'premium' },
  { name: 'Zhang Min', phone: '13800138003', email: 'zhang.min@example.com', birthday: '1978-01-23', memberClass: 'regular' },
];

/** One demo staff user per role besides the bootstrap admin, so each can try the console. */
const DEMO_STAFF = [
  { role: 'marketing', email: 'marketing@demo.local', displayName: 'Zhao Lei (marketing)' },
  { role: 'service_agent', email: 'agent@demo.local', displayName: 'Sun Li (service agent)' },
  { role: 'service_supervisor', email: 'supervisor@demo.local', displayName: 'Zhou Jing (service supervisor)' },
  { role: 'store_manager', email: 'store.manager@demo.local', displayName: 'Wu Gang (store manager)', storeIds: [DEMO_STORE.storeId] },
  { role: 'auditor', email: 'auditor@demo.local', displayName: 'Zheng Hui (auditor)' },
];

/** Demo passwords derived from this machine's local secret: the same on every run, different on every machine. */
function demoPassword(secrets, role) {
  return `demo-${createHmac('sha256', secrets.GATEWAY_TOKEN_SECRET).update(`demo-staff:${role}`).digest('base64url').slice(0, 16)}`;
}

function call(gatewayUrl, method, urlPath, { token, apiKey, body } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (apiKey) headers['x-api-key'] = apiKey;
  return httpJson(`${gatewayUrl}${urlPath}`, method, body, headers);
}

function expectOk(r, what, ...allowed) {
  if (r.status >= 200 && r.status < 300) return r.body;
  if (allowed.includes(r.status)) return r.body;
  throw new Error(`seed: ${what} answered ${r.status}: ${JSON.stringify(r.body)}`);
}

export async function seed({ gatewayUrl, secrets, credentialsFile, log = console.log }) {
  const previous = fs.existsSync(credentialsFile) ? JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) : {};
  const admin = { email: secrets.BOOTSTRAP_ADMIN_EMAIL, password: secrets.BOOTSTRAP_ADMIN_PASSWORD };
  const { accessToken: adminToken } = expectOk(await call(gatewayUrl, 'POST', '/v1/auth/token', { body: admin }), 'admin sign-in');

  const store = await call(gatewayUrl, 'POST', '/v1/stores', { token: adminToken, body: DEMO_STORE });
  expectOk(store, 'create demo store', 409);

  const staff = [];
  for (const u of DEMO_STAFF) {
    const password = demoPassword(secrets, u.role);
    expectOk(await call(gatewayUrl, 'POST', '/v1/staff', { token: adminToken, body: { ...u, password } }), `create staff user ${u.email}`, 409);
    staff.push({ role: u.role, email: u.email, password, ...(u.storeIds ? { storeIds: u.storeIds } : {}) });
  }

  // A POS key is shown once: keep the one from the last run if the gateway still accepts it.
  let posApiKey = previous.pos?.apiKey;
  if (posApiKey) {
    const check = await call(gatewayUrl, 'GET', '/v1/auth/me', { apiKey: posApiKey });
    if (check.status !== 200) posApiKey = undefined;
  }
  if (!posApiKey) {
    const issued = expectOk(
      await call(gatewayUrl, 'POST', `/v1/stores/${DEMO_STORE.storeId}/api-keys`, { token: adminToken, body: { label: 'Demo till 1' } }),
      'issue POS key',
    );
    posApiKey = issued.apiKey;
  }

  const members = [];
  for (const m of DEMO_MEMBERS) {
    const enrol = await call(gatewayUrl, 'POST', '/v1/members', {
      token: adminToken,
      body: {
        ...m,
        channel: 'store',
        preferredStoreId: DEMO_STORE.storeId,
        consents: { marketing: { granted: true, policyVersion: 'privacy-2026-01' }, analytics: { granted: true, policyVersion: 'privacy-2026-01' } },
      },
    });
    let member = expectOk(enrol, `enrol ${m.email}`, 409);
    if (enrol.status === 409) {
      member = expectOk(
        await call(gatewayUrl, 'GET', `/v1/members/resolve?phone=${encodeURIComponent(m.phone)}`, { token: adminToken }),
        'resolve demo member',
      );
    }
    members.push({ memberId: member.memberId, cardNumber: member.cardNumber, phone: m.phone, email: m.email });
  }

  // One demo sale at the till for the first member (idempotent on store + transaction id). It is
  // dated today (start of the UTC day: never in the future, always within the accepted window),
  // one transaction id per day so a re-run the same day replays it, and its total equals its
  // lines and its tender (the sale integrity rules). The points service learns of new members
  // from `member.enrolled` events: retry until it has.
  const today = new Date().toISOString().slice(0, 10);
  const demoTransactionId = `demo-sale-${today.replaceAll('-', '')}`;
  const sell = () =>
    call(gatewayUrl, 'POST', '/v1/pos/transactions', {
      apiKey: posApiKey,
      body: {
        storeId: DEMO_STORE.storeId,
        terminalId: 'till-1',
        transactionId: demoTransactionId,
        member: { memberId: members[0].memberId },
        occurredAt: `${today}T00:00:00.000Z`,
        currency: 'CNY',
        lines: [{ sku: 'SKU-TEA-001', category: 'grocery', quantity: 2, unitPriceMinor: 4990, discountMinor: 0 }],
        totalMinor: 9980,
        tender: 'card',
      },
    });
  let sale = await sell();
  for (let i = 0; i < 40 && sale.status === 422 && sale.body?.code === 'POS.MEMBER_UNKNOWN'; i++) {
    await new Promise((r) => setTimeout(r, 250));
    sale = await sell();
  }
  if (sale.status === 422 && sale.body?.code === 'POS.MEMBER_UNKNOWN' && sale.body?.details?.recorded === true) {
    // Recorded without a member (points could not identify them at that moment): the customer's
    // remedy is a claim with the receipt, which credits the sale once.
    const claim = await call(gatewayUrl, 'POST', `/v1/members/${members[0].memberId}/claims`, {
      token: adminToken,
      body: { storeId: DEMO_STORE.storeId, transactionId: demoTransactionId },
    });
    if (claim.status < 300 || claim.body?.code === 'POS.ALREADY_CLAIMED') sale = claim;
  }
  if (sale.status >= 300) log(`seed: demo sale answered ${sale.status} (${JSON.stringify(sale.body).slice(0, 200)})`);

  const customer = await call(gatewayUrl, 'POST', '/v1/auth/customer/demo-token', { body: { memberId: members[0].memberId } });
  const credentials = {
    gatewayUrl,
    docsUrl: `${gatewayUrl}/docs`,
    consoleUrl: `${gatewayUrl}/console/`,
    admin,
    staff,
    store: DEMO_STORE,
    pos: { storeId: DEMO_STORE.storeId, apiKey: posApiKey, header: 'x-api-key' },
    members,
    customer: customer.status === 200 ? { memberId: members[0].memberId, accessToken: customer.body.accessToken, expiresAt: customer.body.expiresAt } : null,
    writtenAt: new Date().toISOString(),
  };
  fs.mkdirSync(path.dirname(credentialsFile), { recursive: true });
  fs.writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  log(`seeded: store ${DEMO_STORE.storeId}, ${staff.length} staff users (one per role), ${members.length} members, a POS key and a customer token`);
  return credentials;
}
