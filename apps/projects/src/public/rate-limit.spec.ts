import { type Collection } from 'mongodb';
import { PublicRefusal } from './public-errors';
import { PublicRateLimit, type RateCounter, clientAddress, counterKey, rateLimitKey } from './rate-limit';

const KEY = rateLimitKey(Buffer.alloc(32, 5));
const OTHER_KEY = rateLimitKey(Buffer.alloc(32, 6));
const id = (address: string, minute: number) => counterKey(KEY, address, minute);

/** The two operations the limit uses, on a Map: `$inc` with upsert returning the document after, delete by `_id`. */
class MemoryCounters {
  readonly docs = new Map<string, number>();
  readonly deleted: string[][] = [];

  findOneAndUpdate(filter: { _id: string }, update: { $inc: { count: number } }): Promise<RateCounter> {
    const count = (this.docs.get(filter._id) ?? 0) + update.$inc.count;
    this.docs.set(filter._id, count);
    return Promise.resolve({ _id: filter._id, count });
  }

  deleteMany(filter: { _id: { $in: string[] } }): Promise<{ deletedCount: number }> {
    this.deleted.push([...filter._id.$in].sort());
    for (const id of filter._id.$in) this.docs.delete(id);
    return Promise.resolve({ deletedCount: filter._id.$in.length });
  }

  as(): Collection<RateCounter> {
    return this as unknown as Collection<RateCounter>;
  }
}

const outcome = async (promise: Promise<void>): Promise<string> => {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof PublicRefusal) return `${error.code}:${error.field}`;
    throw error;
  }
};

describe('the public rate limit', () => {
  const MINUTE = 60_000;

  it('counts each address per minute and refuses the requests over its allowance (RATE_LIMITED)', async () => {
    const counters = new MemoryCounters();
    let now = 100 * MINUTE + 5_000;
    const limit = new PublicRateLimit(counters.as(), 3, KEY, () => now);
    const a = [];
    for (let i = 0; i < 5; i++) a.push(await outcome(limit.hit('203.0.113.7')));
    expect(a).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED:null', 'RATE_LIMITED:null']);
    // another address has its own allowance
    expect(await outcome(limit.hit('203.0.113.8'))).toBe('ok');
    expect(counters.docs.get(id('203.0.113.7', 100))).toBe(5);
    // the next minute starts again
    now = 101 * MINUTE;
    expect(await outcome(limit.hit('203.0.113.7'))).toBe('ok');
  });

  it('keys the counters by an HMAC of the address (no address stored), unrelated across minutes and master keys', async () => {
    const counters = new MemoryCounters();
    let now = 100 * MINUTE;
    const limit = new PublicRateLimit(counters.as(), 100, KEY, () => now);
    const addresses = ['203.0.113.7', '198.51.100.23', '2001:db8::1', '10.0.0.5'];
    for (const address of addresses) await limit.hit(address);
    now = 101 * MINUTE;
    for (const address of addresses) await limit.hit(address);
    const ids = [...counters.docs.keys(), ...counters.deleted.flat()];
    expect(ids.length).toBeGreaterThanOrEqual(addresses.length * 2);
    for (const counterId of ids) {
      expect(counterId).toMatch(/^[A-Za-z0-9_-]{22}:\d+$/);
      for (const address of addresses) expect(counterId).not.toContain(address);
    }
    const mac = (key: Buffer, address: string, minute: number) => counterKey(key, address, minute).split(':')[0];
    expect(mac(KEY, '203.0.113.7', 100)).not.toBe(mac(KEY, '203.0.113.7', 101));
    expect(mac(KEY, '203.0.113.7', 100)).not.toBe(mac(OTHER_KEY, '203.0.113.7', 100));
    expect(counterKey(KEY, '203.0.113.7', 100)).toBe(id('203.0.113.7', 100));
    expect(() => rateLimitKey(Buffer.alloc(16))).toThrow(RangeError);
  });

  it('shares the count between instances (one counter per address and minute)', async () => {
    const counters = new MemoryCounters();
    const now = () => 7 * MINUTE;
    const one = new PublicRateLimit(counters.as(), 2, KEY, now);
    const two = new PublicRateLimit(counters.as(), 2, KEY, now);
    expect(await outcome(one.hit('198.51.100.1'))).toBe('ok');
    expect(await outcome(two.hit('198.51.100.1'))).toBe('ok');
    expect(await outcome(one.hit('198.51.100.1'))).toBe('RATE_LIMITED:null');
  });

  it('deletes by key the counters of past minutes it wrote', async () => {
    const counters = new MemoryCounters();
    let now = 10 * MINUTE;
    const limit = new PublicRateLimit(counters.as(), 100, KEY, () => now);
    await limit.hit('a');
    await limit.hit('b');
    now = 11 * MINUTE;
    await limit.hit('a');
    await Promise.resolve();
    expect(counters.deleted).toEqual([[id('a', 10), id('b', 10)].sort()]);
    expect([...counters.docs.keys()]).toEqual([id('a', 11)]);
    // nothing left to sweep in the same minute
    await limit.hit('c');
    expect(counters.deleted).toHaveLength(1);
  });
});

describe('the client address', () => {
  const PROXY = ['10.0.0.5'];

  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.7', '198.51.100.1', [])).toBe('203.0.113.7');
    expect(clientAddress('::ffff:203.0.113.7', '198.51.100.1', [])).toBe('203.0.113.7');
    expect(clientAddress(undefined, undefined, [])).toBe('unknown');
  });

  it('is the socket peer when the peer is not a trusted proxy (a spoofed header is ignored)', () => {
    expect(clientAddress('203.0.113.7', '198.51.100.1', PROXY)).toBe('203.0.113.7');
  });

  it('behind a trusted proxy, is the right-most forwarded address that is not a trusted proxy', () => {
    expect(clientAddress('10.0.0.5', '198.51.100.1', PROXY)).toBe('198.51.100.1');
    expect(clientAddress('::ffff:10.0.0.5', '198.51.100.1', PROXY)).toBe('198.51.100.1');
    // a client's own X-Forwarded-For is on the left: the proxy appends the address it saw
    expect(clientAddress('10.0.0.5', '1.2.3.4, 198.51.100.1', PROXY)).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.5', ['1.2.3.4', '198.51.100.1, 10.0.0.6'], ['10.0.0.5', '10.0.0.6'])).toBe(
      '198.51.100.1',
    );
    // what is not an address is skipped
    expect(clientAddress('10.0.0.5', 'evil, 198.51.100.1, unknown', PROXY)).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.5', '2001:db8::1', PROXY)).toBe('2001:db8::1');
  });

  it('behind a trusted proxy without a usable header, is the proxy (or the left-most hop when all are proxies)', () => {
    expect(clientAddress('10.0.0.5', undefined, PROXY)).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', 'garbage', PROXY)).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', '10.0.0.5', PROXY)).toBe('10.0.0.5');
  });
});
