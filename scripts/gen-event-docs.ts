// `npm run docs:events`: regenerate docs/events.md from the contracts and the consumers.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEventsMarkdown } from '../apps/gateway/src/docs/event-docs';

const root = join(__dirname, '..');
writeFileSync(join(root, 'docs/events.md'), renderEventsMarkdown(root));
process.stdout.write('docs/events.md written\n');
