#!/usr/bin/env node
// `npm run console:build`: build the web console (apps/console, Vite) into dist/console, which the
// gateway serves at /console (CONSOLE_DIR). Skipped when nothing it is built from changed since
// the last build (a hash of the sources, configs and lock file is kept in dist/console), so
// `npm start` and `npm test` pay for it only once.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, run, say } from './lib-common.mjs';

export const CONSOLE_DIR = path.join(ROOT, 'dist', 'console');
const APP_DIR = path.join(ROOT, 'apps', 'console');
const STAMP = path.join(CONSOLE_DIR, '.source-hash');

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(p);
    return /\.spec\.ts$/.test(e.name) ? [] : [p];
  });
}

function sourceHash() {
  const hash = createHash('sha256');
  const files = [...filesUnder(APP_DIR), path.join(ROOT, 'package-lock.json')].sort();
  for (const f of files) hash.update(path.relative(ROOT, f)).update('\0').update(fs.readFileSync(f));
  return hash.digest('hex');
}

/** Builds unless dist/console was built from exactly these sources. Returns the directory. */
export async function buildConsole({ force = false } = {}) {
  const hash = sourceHash();
  const built = fs.existsSync(path.join(CONSOLE_DIR, 'index.html')) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === hash;
  if (built && !force) {
    say('console: up to date (dist/console)');
    return CONSOLE_DIR;
  }
  say('console: building (vite)...');
  // A production build whatever the caller's NODE_ENV (tests run with NODE_ENV=test, which would
  // otherwise give React's and Ant Design's development builds).
  const env = { ...process.env, NODE_ENV: 'production' };
  const code = await run(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '-c', path.join(APP_DIR, 'vite.config.ts')],
    { env },
  );
  if (code !== 0) throw new Error('console build failed');
  fs.writeFileSync(STAMP, hash);
  return CONSOLE_DIR;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildConsole({ force: process.argv.includes('--force') }).then(
    (dir) => say(`console built: ${path.relative(ROOT, dir)}`),
    (err) => {
      say(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
