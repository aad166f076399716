import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPermissionsMarkdown } from './permission-docs';

describe('docs/permissions.md', () => {
  it('is up to date with the permission catalogue and the route table (run `npm run docs:permissions`)', () => {
    expect(readFileSync(join(__dirname, '../../../../docs/permissions.md'), 'utf8')).toBe(renderPermissionsMarkdown());
  });
});
