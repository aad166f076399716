import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allEventDefinitions } from '@app/contracts';
import { renderEventsMarkdown } from './event-docs';

const ROOT = join(__dirname, '../../../..');

describe('docs/events.md', () => {
  it('is up to date with the contracts and the consumers (run `npm run docs:events`)', () => {
    expect(readFileSync(join(ROOT, 'docs/events.md'), 'utf8')).toBe(renderEventsMarkdown(ROOT));
  });

  it('names a producer and documents the payload of every event', () => {
    const md = renderEventsMarkdown(ROOT);
    for (const def of allEventDefinitions()) {
      expect(md).toContain(`## \`${def.topic}\``);
      expect(md).not.toMatch(new RegExp(`\\| \`${def.topic.replace(/\./g, '\\.')}\` \\| \\? \\|`));
    }
  });
});
