import { createHmac, hkdfSync } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { type Collection } from 'mongodb';
import { PublicRefusal } from './public-errors';

/**
 * A client address's count of public requests in one minute, `<counter key>:<minute>`: the key an HMAC of the
 * minute and the address (counterKey), never the address itself — an IP address is personal data.
 */
export interface RateCounter {
  readonly _id: string;
  readonly count: number;
}

export const RATE_LIMIT_KEY_INFO = 'lianjian/projects/rate-limit';

/** The key of the rate limit's counter ids, derived from the projects service's master key (32 bytes). */
export function rateLimitKey(masterKey: Buffer): Buffer {
  if (masterKey.length !== 32) throw new RangeError('the projects master key must be 32 bytes');
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), RATE_LIMIT_KEY_INFO, 32));
}

/**
 * The id of an address's counter in a minute: HMAC-SHA256(key, minute NUL address), 128 bits in base64url, then
 * `:<minute>` (the sweep's and a reader's clue to its age). Keyed, because an unkeyed hash of an IPv4 address is
 * undone by hashing all 2^32 of them; with the minute inside, the ids of one address in two minutes are unrelated.
 */
export function counterKey(key: Buffer, address: string, minute: number): string {
  const mac = createHmac('sha256', key).update(`${minute}\u0000${address}`).digest().subarray(0, 16);
  return `${mac.toString('base64url')}:${minute}`;
}

/**
 * The public endpoint's rate limit, shared by every instance: one counter document per client address and minute
 * (`_id` counterKey: an HMAC of the address and the minute, then the minute; the address is not stored), `$inc`
 * with upsert (atomic across instances). Every access is by key: the counters an instance incremented are deleted by
 * `_id` once their minute has passed (no TTL index, no scan).
 */
export class PublicRateLimit {
  private readonly written = new Map<number, Set<string>>();

  constructor(
    private readonly counters: Collection<RateCounter>,
    private readonly perMinute: number,
    /** rateLimitKey of the master key. */
    private readonly key: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of the address; RATE_LIMITED when it is over the minute's allowance. */
  async hit(address: string): Promise<void> {
    const minute = Math.floor(this.now() / 60_000);
    const key = counterKey(this.key, address, minute);
    const counted = await this.counters.findOneAndUpdate(
      { _id: key },
      { $inc: { count: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    (this.written.get(minute) ?? this.written.set(minute, new Set()).get(minute)!).add(key);
    void this.sweep(minute);
    if ((counted?.count ?? 1) > this.perMinute)
      throw new PublicRefusal('RATE_LIMITED', `at most ${this.perMinute} requests a minute: try again shortly`, null);
  }

  /** Deletes, by key, the counters of past minutes this instance wrote. */
  private async sweep(current: number): Promise<void> {
    const past = [...this.written.keys()].filter((m) => m < current);
    if (!past.length) return;
    const ids = past.flatMap((m) => [...this.written.get(m)!]);
    for (const m of past) this.written.delete(m);
    await this.counters.deleteMany({ _id: { $in: ids } }).catch(() => undefined);
  }
}

/**
 * The trusted proxies as a block list: addresses, or networks in CIDR notation (`10.0.0.0/8`: an ingress controller's
 * pods have addresses from the cluster's pod network, not fixed ones).
 */
export function proxyList(trustedProxies: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of trustedProxies) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address!) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address!, family);
    else list.addSubnet(address!, Number(prefix), family);
  }
  return list;
}

/** Whether a trusted-proxy setting entry is an IP address or a network in CIDR notation. */
export function isProxyEntry(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits >= 0 && bits <= (family === 6 ? 128 : 32);
}

const trusted = (proxies: BlockList, address: string): boolean =>
  isIP(address) !== 0 && proxies.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');

/**
 * The client's address: the socket's peer, or — only when that peer is one of the trusted proxies
 * (PROJECTS_TRUSTED_PROXY) — the right-most address of X-Forwarded-For that is not itself a trusted proxy.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: readonly string[] | BlockList,
): string {
  const proxies = trustedProxies instanceof BlockList ? trustedProxies : proxyList(trustedProxies);
  const socket = unmapped(peer ?? 'unknown');
  if (!trusted(proxies, socket) || !forwardedFor) return socket;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((h) => unmapped(h.trim()))
    .filter((h) => isIP(h) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted(proxies, hops[i]!)) return hops[i]!;
  return hops[0] ?? socket;
}

const unmapped = (address: string): string => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
