import { InstancePool, parseInstanceUrls } from './instance-pool';

describe('InstancePool', () => {
  const pool = (ready: Record<string, boolean>) =>
    new InstancePool('points', Object.keys(ready), { probeIntervalMs: 0, probeTimeoutMs: 100, probe: (url) => Promise.resolve(ready[url]) });

  it('parses one URL or a comma-separated list, without trailing slashes', () => {
    expect(parseInstanceUrls('http://a:1/, http://b:2')).toEqual(['http://a:1', 'http://b:2']);
    expect(parseInstanceUrls('http://a:1')).toEqual(['http://a:1']);
  });

  it('goes round-robin over the instances', () => {
    const p = pool({ a: true, b: true });
    expect([p.pick(), p.pick(), p.pick(), p.pick()]).toEqual(['a', 'b', 'a', 'b']);
  });

  it('skips an instance marked down until its probe answers ready again', async () => {
    const ready = { a: true, b: true };
    const p = pool(ready);
    p.markDown('a');
    expect([p.pick(), p.pick()]).toEqual(['b', 'b']);
    ready.b = false;
    await p.probeAll();
    expect(p.states()).toEqual([
      { url: 'a', ready: true },
      { url: 'b', ready: false },
    ]);
    expect([p.pick(), p.pick()]).toEqual(['a', 'a']);
  });

  it('with no ready instance still answers one (the call decides), and never one excluded', () => {
    const p = pool({ a: false, b: false });
    p.markDown('a');
    p.markDown('b');
    expect(['a', 'b']).toContain(p.pick());
    expect(p.pick(new Set(['a']))).toBe('b');
    expect(p.pick(new Set(['a', 'b']))).toBeUndefined();
  });
});
