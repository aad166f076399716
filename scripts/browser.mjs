// The browser for the console's browser tests: Chromium from Debian's `chromium` package (with a
// CJK font so Chinese pages render), installed here when missing; elsewhere Playwright's own
// Chromium. Idempotent: a machine that has it is left alone.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, say } from './lib-common.mjs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const DEBIAN_PACKAGES = ['chromium', 'fonts-wqy-microhei'];

/** Path of the Chromium to drive, or undefined for Playwright's own download. */
export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return fs.existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
}

function debianPackagesMissing() {
  return DEBIAN_PACKAGES.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
}

export function ensureBrowser() {
  if (process.env.CHROMIUM_PATH) return;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (hasApt) {
    const missing = debianPackagesMissing();
    if (missing.length === 0) return;
    const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
    say(`installing ${missing.join(', ')} (apt-get) for the browser tests...`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const exec = (args) => spawnSync(sudo.length ? 'sudo' : args[0], sudo.length ? args : args.slice(1), { stdio: 'inherit', env });
    if (exec(['apt-get', 'update']).status !== 0 || exec(['apt-get', 'install', '-y', '--no-install-recommends', ...missing]).status !== 0) {
      throw new Error(`could not install ${missing.join(', ')}: install them and run again`);
    }
    return;
  }
  say("no apt-get here: using Playwright's own Chromium (npx playwright-core install chromium)...");
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/playwright-core/cli.js'), 'install', 'chromium'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not install a Chromium for the browser tests');
}

// `node scripts/browser.mjs`: make sure a browser is there and print the path to drive ('' = Playwright's own).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureBrowser();
  process.stdout.write(`${chromiumPath() ?? ''}\n`);
}
