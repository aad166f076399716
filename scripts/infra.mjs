#!/usr/bin/env node
// CLI over scripts/infra-lib.mjs: local Kafka + MongoDB stand-in + Mailpit (SMTP) without Docker.
//
//   node scripts/infra.mjs up     [--profile dev|test|bench|chaos]          start (idempotent), wait until ready
//   node scripts/infra.mjs down   [--profile dev|test|bench|chaos] [--purge] stop; --purge also deletes data
//   node scripts/infra.mjs status [--profile dev|test|bench|chaos]          exit 0 only when all reachable
//
// Env: INFRA_PROFILE (default profile), INFRA_MONGO_PORT, INFRA_KAFKA_PORT,
//      INFRA_KAFKA_CONTROLLER_PORT, INFRA_SMTP_PORT, INFRA_MAILPIT_UI_PORT,
//      MONGO_URL / KAFKA_BROKERS / SMTP_URL (use external servers instead).

import path from 'node:path';
import { InfraError, infraDown, infraStatus, infraUp } from './infra-lib.mjs';

const USAGE = 'usage: node scripts/infra.mjs up|down|status [--profile dev|test|bench|chaos] [--purge]';

function parseArgs(argv) {
  const opts = { command: null, profile: process.env.INFRA_PROFILE || 'dev', purge: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--profile') opts.profile = argv[++i];
    else if (arg.startsWith('--profile=')) opts.profile = arg.slice('--profile='.length);
    else if (arg === '--purge') opts.purge = true;
    else if (arg === '-h' || arg === '--help') opts.command = 'help';
    else if (!opts.command && !arg.startsWith('-')) opts.command = arg;
    else throw new InfraError(`unexpected argument '${arg}'\n${USAGE}`);
  }
  return opts;
}

async function up({ profile }) {
  const started = Date.now();
  const { mongoUrl, kafkaBrokers, smtpUrl, mailpitUi } = await infraUp({ profile });
  console.error(`[infra] profile ${profile} up in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  console.log(`MONGO_URL=${mongoUrl}`);
  console.log(`KAFKA_BROKERS=${kafkaBrokers}`);
  console.log(`SMTP_URL=${smtpUrl}`);
  if (mailpitUi) console.log(`MAILPIT_UI=${mailpitUi}`);
  return 0;
}

async function status({ profile }) {
  const report = await infraStatus({ profile });
  console.log(`profile: ${profile}`);
  for (const s of report.servers) {
    const cols = [s.name.padEnd(7), s.mode.padEnd(8), `pid ${s.pid ?? '-'}`.padEnd(12), s.address.padEnd(28), `reachable: ${s.reachable ? 'yes' : 'no'}`];
    if (s.note) cols.push(`(${s.note})`);
    console.log(cols.join('  '));
    if (s.mode === 'managed' && s.pid && !s.reachable) {
      console.log(`        logs: ${s.logFiles.map((f) => path.relative(process.cwd(), f)).join(', ')}`);
    }
  }
  return report.allReachable ? 0 : 1;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  switch (opts.command) {
    case 'up':
      return up(opts);
    case 'down':
      await infraDown({ profile: opts.profile, purge: opts.purge });
      return 0;
    case 'status':
      return status(opts);
    case 'help':
      console.log(USAGE);
      return 0;
    default:
      console.error(USAGE);
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[infra] ERROR: ${err instanceof InfraError ? err.message : err.stack}`);
    process.exit(1);
  },
);
