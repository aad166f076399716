import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The console's API types are generated from the gateway's public OpenAPI document. When a route,
 * body or response changes, `npm run console:api` must be run (and the console type-checked), or
 * this fails: a renamed field breaks the build, not the page.
 */
describe('console API types', () => {
  it('match the document the gateway serves (regenerate with npm run console:api)', () => {
    const root = path.resolve(__dirname, '../../../..');
    const r = spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/gen-console-api.ts', '--check'], {
      cwd: root,
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.json' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr.split('\n').filter((l) => l.includes('stale')).join('\n')).toBe('');
    expect(r.status).toBe(0);
  });
});
