#!/usr/bin/env node
// `npm start`: install what is missing, start Kafka + the database (dev profile, file-backed,
// or MONGO_URL / KAFKA_BROKERS if set), build, start all five services, wait until they are
// ready, seed demo data, print where things are (gateway, web console, API docs, credentials). Ctrl-C stops everything this run started.
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
  { name: 'gateway', port: GATEWAY_PORT },
];

/** Secrets for local development, made once and kept (data encrypted with them stays readable). */
function localSecrets() {
  if (fs.existsSync(SECRETS_FILE)) return JSON.parse(fs.readFileSync(SECRETS_FILE, 'utf8'));
  const b64 = (n) => randomBytes(n).toString('base64');
  const secrets = {
    INTERNAL_TOKEN: randomBytes(24).toString('base64url'),
    GATEWAY_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    MEMBERS_ENCRYPTION_KEYS: `k1:${b64(32)}`,
    MEMBERS_ACTIVE_KEY_ID: 'k1',
    MEMBERS_HASH_KEY: b64(32),
    BOOTSTRAP_ADMIN_EMAIL: 'admin@demo.local',
    BOOTSTRAP_ADMIN_PASSWORD: randomBytes(12).toString('base64url'),
  };
  fs.mkdirSync(DEV_DIR, { recursive: true });
  fs.writeFileSync(SECRETS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Environment of one service process. */
function serviceEnv(name, port, infra, secrets, consoleDir) {
  const url = (n) => `http://127.0.0.1:${SERVICES.find((s) => s.name === n).port}`;
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
    DEMO_CUSTOMER_TOKENS: process.env.DEMO_CUSTOMER_TOKENS ?? 'true',
    ...(name === 'gateway' ? { CONSOLE_DIR: consoleDir } : {}),
  };
}

async function waitReady(name, port, child, timeoutMs = 120000) {
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

function startService({ name, port }, infra, secrets, consoleDir) {
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const log = fs.openSync(path.join(LOG_DIR, `${name}.log`), 'a');
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
    for (const svc of SERVICES) {
      say(`starting ${svc.name} on port ${svc.port}...`);
      children.push(startService(svc, infra, secrets, consoleDir));
    }
    await Promise.all(SERVICES.map((svc, i) => waitReady(svc.name, svc.port, children[i])));
    for (const [i, c] of children.entries()) {
      c.once('exit', (code) => {
        if (!stopping) say(`${SERVICES[i].name} exited unexpectedly (code ${code}); see ${path.join(LOG_DIR, `${SERVICES[i].name}.log`)}`);
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
  say(`gateway:           http://127.0.0.1:${GATEWAY_PORT}`);
  say(`console:           http://127.0.0.1:${GATEWAY_PORT}/console/  (sign in with a user from the credentials file)`);
  say(`API docs:          http://127.0.0.1:${GATEWAY_PORT}/docs  (JSON: /docs-json)`);
  say(`demo credentials:  ${path.relative(ROOT, CREDENTIALS_FILE)}`);
  say(`service logs:      ${path.relative(ROOT, LOG_DIR)}/<service>.log`);
  say('press Ctrl-C to stop everything this command started');
  if (process.env.LOYALTY_START_EXIT_WHEN_READY === '1') await stopAll(0); // used by tests of the start path
}

main().catch((err) => {
  say(`npm start failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
