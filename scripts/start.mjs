#!/usr/bin/env node
// `npm start`: install what is missing, start Kafka + the database + Mailpit (dev profile,
// file-backed, or MONGO_URL / KAFKA_BROKERS / SMTP_URL if set), build, start all six services,
// wait until they are ready, seed demo data, print where things are (gateway, web console, API docs,
// credentials, the web inbox of every email sent). Ctrl-C stops everything this run started.
// `npm start -- --instances 2` runs two instances of every service (instance k on port + 100*k);
// the gateway and points spread their calls over them (comma-separated *_URL).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensureDependencies, ROOT, run, say } from './lib-common.mjs';

const DEV_DIR = path.join(ROOT, '.local', 'dev');
const LOG_DIR = path.join(DEV_DIR, 'logs');
const SECRETS_FILE = path.join(DEV_DIR, 'secrets.json');
export const CREDENTIALS_FILE = path.join(DEV_DIR, 'demo-credentials.json');
const GATEWAY_PORT = Number(process.env.GATEWAY_PORT ?? 3000);

export const SERVICES = [
  { name: 'members', port: 3001 },
  { name: 'points', port: 3002 },
  { name: 'segments', port: 3003 },
  { name: 'feedback', port: 3004 },
  { name: 'messaging', port: 3005 },
  { name: 'gateway', port: GATEWAY_PORT },
];

/** Ports of instance k are the base ports + 100*k. */
export const INSTANCE_PORT_STEP = 100;

function instancesArg(argv) {
  const i = argv.indexOf('--instances');
  const value = i >= 0 ? argv[i + 1] : (process.env.INSTANCES ?? '1');
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 9) throw new Error(`--instances must be a whole number from 1 to 9 (got ${value})`);
  return n;
}
const INSTANCES = instancesArg(process.argv.slice(2));

/** Every process to run: each service times INSTANCES, instance k on port + 100*k. */
function processes() {
  return SERVICES.flatMap((svc) =>
    Array.from({ length: INSTANCES }, (_, k) => ({
      name: svc.name,
      port: svc.port + INSTANCE_PORT_STEP * k,
      label: INSTANCES > 1 ? `${svc.name}-${k + 1}` : svc.name,
    })),
  );
}

/** Secrets for local development, made once and kept (data encrypted with them stays readable). */
function localSecrets() {
  const b64 = (n) => randomBytes(n).toString('base64');
  // Secrets added after a developer's file was made are added to it, never replacing the others.
  const later = {
    MESSAGING_LINK_SECRET: randomBytes(32).toString('base64url'),
    // feedback's encryption of non-member contacts
    FEEDBACK_ENCRYPTION_KEYS: `k1:${b64(32)}`,
    FEEDBACK_ACTIVE_KEY_ID: 'k1',
    FEEDBACK_HASH_KEY: b64(32),
  };
  if (fs.existsSync(SECRETS_FILE)) {
    const kept = JSON.parse(fs.readFileSync(SECRETS_FILE, 'utf8'));
    const missing = Object.fromEntries(Object.entries(later).filter(([k]) => !(k in kept)));
    if (Object.keys(missing).length === 0) return kept;
    const merged = { ...kept, ...missing };
    fs.writeFileSync(SECRETS_FILE, JSON.stringify(merged, null, 2), { mode: 0o600 });
    return merged;
  }
  const secrets = {
    ...later,
    INTERNAL_TOKEN: randomBytes(24).toString('base64url'),
    GATEWAY_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    MEMBERS_ENCRYPTION_KEYS: `k1:${b64(32)}`,
    MEMBERS_ACTIVE_KEY_ID: 'k1',
    MEMBERS_HASH_KEY: b64(32),
    FEEDBACK_ENCRYPTION_KEYS: `k1:${b64(32)}`,
    FEEDBACK_ACTIVE_KEY_ID: 'k1',
    FEEDBACK_HASH_KEY: b64(32),
    BOOTSTRAP_ADMIN_EMAIL: 'admin@demo.local',
    BOOTSTRAP_ADMIN_PASSWORD: randomBytes(12).toString('base64url'),
  };
  fs.mkdirSync(DEV_DIR, { recursive: true });
  fs.writeFileSync(SECRETS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Environment of one service process. */
function serviceEnv(name, port, infra, secrets, consoleDir) {
  const base0 = (n) => SERVICES.find((s) => s.name === n).port;
  const url = (n) => Array.from({ length: INSTANCES }, (_, k) => `http://127.0.0.1:${base0(n) + INSTANCE_PORT_STEP * k}`).join(',');
  const base = infra.mongoUrl.replace(/\/+$/, '');
  const [server, query] = base.split('?');
  return {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    MONGO_URL: `${server}/loyalty_${name}${query ? `?${query}` : ''}`,
    KAFKA_BROKERS: infra.kafkaBrokers,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    TS_NODE_BASEURL: path.join(ROOT, 'dist'),
    ...secrets,
    MEMBERS_URL: url('members'),
    POINTS_URL: url('points'),
    SEGMENTS_URL: url('segments'),
    FEEDBACK_URL: url('feedback'),
    MESSAGING_URL: url('messaging'),
    SMTP_URL: infra.smtpUrl,
    PUBLIC_BASE_URL: `http://127.0.0.1:${GATEWAY_PORT}`,
    DEMO_CUSTOMER_TOKENS: process.env.DEMO_CUSTOMER_TOKENS ?? 'true',
    ...(name === 'gateway' ? { CONSOLE_DIR: consoleDir } : {}),
  };
}

async function waitReady({ label: name, port }, child, timeoutMs = 120000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}; see ${path.join(LOG_DIR, `${name}.log`)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s; see ${path.join(LOG_DIR, `${name}.log`)}`);
}

function startService({ name, port, label }, infra, secrets, consoleDir) {
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const log = fs.openSync(path.join(LOG_DIR, `${label}.log`), 'a');
  const child = spawn(process.execPath, ['-r', 'tsconfig-paths/register', path.join(ROOT, 'dist/apps', name, 'src/main.js')], {
    cwd: ROOT,
    env: serviceEnv(name, port, infra, secrets, consoleDir),
    stdio: ['ignore', log, log],
  });
  return child;
}

async function main() {
  ensureDependencies();
  const { infraUp, infraDown } = await import('./infra-lib.mjs');
  say('starting local infrastructure (dev profile)...');
  const infra = await infraUp({ profile: 'dev', log: (m) => say(m) });
  const infraWasRunning = infra.started.length === 0;

  say('building (tsc)...');
  if ((await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'])) !== 0) {
    throw new Error('build failed');
  }
  const { buildConsole } = await import('./console-build.mjs');
  const consoleDir = await buildConsole();

  const secrets = localSecrets();
  const children = [];
  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    say('stopping services...');
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    if (!infraWasRunning) {
      say('stopping the infrastructure this run started...');
      await infraDown({ profile: 'dev', log: (m) => say(m) });
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const procs = processes();
    for (const p of procs) {
      say(`starting ${p.label} on port ${p.port}...`);
      children.push(startService(p, infra, secrets, consoleDir));
    }
    await Promise.all(procs.map((p, i) => waitReady(p, children[i])));
    for (const [i, c] of children.entries()) {
      c.once('exit', (code) => {
        if (!stopping) say(`${procs[i].label} exited unexpectedly (code ${code}); see ${path.join(LOG_DIR, `${procs[i].label}.log`)}`);
      });
    }
    say('all services ready; seeding demo data...');
    const { seed } = await import('./seed.mjs');
    await seed({ gatewayUrl: `http://127.0.0.1:${GATEWAY_PORT}`, secrets, credentialsFile: CREDENTIALS_FILE, log: (m) => say(m) });
  } catch (err) {
    say(`start failed: ${err instanceof Error ? err.message : String(err)}`);
    await stopAll(1);
    return;
  }
  say('');
  say(
    `gateway:           http://127.0.0.1:${GATEWAY_PORT}${INSTANCES > 1 ? ` (and ${INSTANCES - 1} more instance(s) on ${GATEWAY_PORT}+${INSTANCE_PORT_STEP}*k)` : ''}`,
  );
  say(`console:           http://127.0.0.1:${GATEWAY_PORT}/console/  (sign in with a user from the credentials file)`);
  say(`API docs:          http://127.0.0.1:${GATEWAY_PORT}/docs  (JSON: /docs-json)`);
  say(`demo credentials:  ${path.relative(ROOT, CREDENTIALS_FILE)}`);
  if (infra.mailpitUi) say(`email inbox:       ${infra.mailpitUi}  (Mailpit: every email the platform sends lands here)`);
  say(`service logs:      ${path.relative(ROOT, LOG_DIR)}/<service>.log`);
  say('press Ctrl-C to stop everything this command started');
  if (process.env.LOYALTY_START_EXIT_WHEN_READY === '1') await stopAll(0); // used by tests of the start path
}

main().catch((err) => {
  say(`npm start failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
