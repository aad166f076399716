// `npm run docs:permissions`: regenerate docs/permissions.md from the permission catalogue and the route table.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPermissionsMarkdown } from '../apps/gateway/src/docs/permission-docs';

writeFileSync(join(__dirname, '..', 'docs/permissions.md'), renderPermissionsMarkdown());
process.stdout.write('docs/permissions.md written\n');
