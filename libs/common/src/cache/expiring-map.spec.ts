import { ExpiringMap } from './expiring-map';

describe('ExpiringMap', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-24T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('returns an entry until its time to live has passed, then forgets it', () => {
    const map = new ExpiringMap<string, number>(1000, 10);
    map.set('a', 1);
    jest.advanceTimersByTime(999);
    expect(map.get('a')).toBe(1);
    jest.advanceTimersByTime(1);
    expect(map.get('a')).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it('setting again restarts the time to live', () => {
    const map = new ExpiringMap<string, number>(1000, 10);
    map.set('a', 1);
    jest.advanceTimersByTime(800);
    map.set('a', 2);
    jest.advanceTimersByTime(800);
    expect(map.get('a')).toBe(2);
  });

  it('drops the oldest entry when full', () => {
    const map = new ExpiringMap<string, number>(1000, 2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3); // refreshed: now the newest
    map.set('c', 4);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([3, undefined, 4]);
  });

  it('keeps nothing with a time to live of 0; delete and clear forget at once', () => {
    const none = new ExpiringMap<string, number>(0, 10);
    none.set('a', 1);
    expect(none.get('a')).toBeUndefined();
    const map = new ExpiringMap<string, number>(1000, 10);
    map.set('a', 1);
    map.set('b', 2);
    map.delete('a');
    expect([map.get('a'), map.get('b')]).toEqual([undefined, 2]);
    map.clear();
    expect(map.get('b')).toBeUndefined();
  });
});
