import { RequestContext } from '../context/request-context';
import { JsonLogger, REDACTED } from './json-logger';

describe('JsonLogger', () => {
  const capture = () => {
    const lines: Array<Record<string, unknown>> = [];
    return { lines, write: (l: string) => lines.push(JSON.parse(l) as Record<string, unknown>) };
  };

  it('writes one JSON object per line with service, context and the correlation id of the current work', () => {
    const { lines, write } = capture();
    const logger = new JsonLogger('points', 'info', write);
    RequestContext.run({ correlationId: 'corr-abcdefgh', causationId: 'evt-1' }, () => logger.log('credited', 'PosController'));
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'points',
      context: 'PosController',
      msg: 'credited',
      correlationId: 'corr-abcdefgh',
      causationId: 'evt-1',
    });
    expect(Date.parse(lines[0].time as string)).not.toBeNaN();
  });

  it('merges structured fields and respects the level', () => {
    const { lines, write } = capture();
    const logger = new JsonLogger('points', 'warn', write);
    logger.log({ msg: 'ignored' });
    logger.warn({ msg: 'slow', ms: 120 }, 'Relay');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', msg: 'slow', ms: 120, context: 'Relay' });
  });

  it('serialises errors with their stack', () => {
    const { lines, write } = capture();
    new JsonLogger('x', 'debug', write).error(new Error('boom'), 'Ctx');
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'boom', context: 'Ctx' });
    expect((lines[0].err as { stack: string }).stack).toContain('boom');
  });

  it('redacts personal-data fields at the top level and inside request bodies', () => {
    const { lines, write } = capture();
    new JsonLogger('members', 'info', write).log(
      { msg: 'enrolled', phone: '+33600000000', email: 'a@b.c', body: { name: 'Ada', address: '1 rue X', storeId: 's1' } },
      'Enrolment',
    );
    expect(lines[0]).toMatchObject({ msg: 'enrolled', phone: REDACTED, email: REDACTED, body: { name: REDACTED, address: REDACTED, storeId: 's1' } });
    expect(JSON.stringify(lines[0])).not.toMatch(/Ada|a@b\.c|\+336/);
  });

  it("keeps an error name readable (only a person's name is redacted)", () => {
    const { lines, write } = capture();
    new JsonLogger('x', 'info', write).error('failed', new TypeError('bad'), 'Ctx');
    expect(lines[0]).toMatchObject({ msg: 'failed', context: 'Ctx', err: { name: 'TypeError', message: 'bad' } });
  });
});
