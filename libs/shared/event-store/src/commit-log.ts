import { type Collection } from 'mongodb';

/**
 * Exact-key access to the commit documents. Every read is a lookup on `_id` (the global position) or on the
 * unique `streamKey` (`<streamId>@<fromVersion>`), with plain values or `$in`: the shape every MongoDB-compatible
 * backend serves from a unique index (MongoDB, and mongo-java-server, whose unique indexes take `$in` only on a
 * single field). No range, no sort, no scan on any backend.
 *
 * It works because both sequences are gap-free: global positions are claimed by the insert itself (head + 1), and
 * a stream's commits follow each other (the next commit starts at the previous one's `toVersion + 1`). A reader
 * asks for a window of keys it expects and walks the answer until the first key that is not there.
 */
export interface CommitKeys {
  readonly _id: number;
  readonly streamKey: string;
  readonly fromVersion: number;
  readonly toVersion: number;
}

/** The unique key of a commit within its stream. The version after the last `@` is numeric, so it is unambiguous. */
export const streamKey = (streamId: string, fromVersion: number): string => `${streamId}@${fromVersion}`;

const range = (first: number, count: number): number[] => Array.from({ length: count }, (_, i) => first + i);

/**
 * Keys per `$in` query. mongo-java-server matches each document it found against the whole `$in` list again, so a
 * query's cost grows with the square of its keys (measured: 9 µs a key at 250 keys, 22 µs at 2,000): long lists are
 * sent as several short queries at once. On MongoDB the split costs nothing measurable.
 */
export const KEYS_PER_QUERY = 256;

/** Documents by `_id` (or another unique single-field key), in chunks of KEYS_PER_QUERY sent together. */
export async function findByKeys<T extends object>(
  collection: Collection<T>,
  keys: readonly unknown[],
  field = '_id',
  options: { projection?: object } = {},
): Promise<T[]> {
  const chunks: unknown[][] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) chunks.push(keys.slice(i, i + KEYS_PER_QUERY));
  const found = await Promise.all(
    chunks.map((chunk) => collection.find({ [field]: { $in: chunk } } as never, options).toArray()),
  );
  return found.flat() as T[];
}

/** Keys probed before a full window: an idle reader pays for a few lookups, a busy one for two round trips. */
const PROBE = 16;

/** The commits after `after` in global order, at most `limit`, stopping before the first position not written yet. */
export async function commitsAfter<T extends CommitKeys>(
  commits: Collection<T>,
  after: number,
  limit: number,
): Promise<T[]> {
  const byPosition = new Map<number, T>();
  const fetch = async (first: number, count: number): Promise<number> => {
    const docs = await findByKeys(commits, range(first, count));
    for (const doc of docs) byPosition.set(doc._id, doc);
    return docs.length;
  };
  const probe = Math.min(PROBE, limit);
  if ((await fetch(after + 1, probe)) === probe && limit > probe) await fetch(after + 1 + probe, limit - probe);
  const result: T[] = [];
  for (let at = after + 1; byPosition.has(at); at += 1) result.push(byPosition.get(at)!);
  return result;
}

/** The highest position written, from a lower bound (the head hint): walks forward while positions exist. */
export async function headFrom<T extends CommitKeys>(
  commits: Collection<T>,
  lowerBound: number,
  window = 64,
): Promise<number> {
  let head = lowerBound;
  for (;;) {
    const found = await commitsAfter(commits, head, window);
    if (found.length === 0) return head;
    head = found[found.length - 1]!._id;
    if (found.length < window) return head;
  }
}

/**
 * A stream's commits that hold versions ≥ `fromVersion`, in order. `knownBoundary` is a version at which a commit is
 * known to end (0, a snapshot's version, a cached tip): the walk starts at the commit after it, so a read from a
 * boundary costs one round trip per window of commits.
 */
export async function streamCommitsFrom<T extends CommitKeys>(
  commits: Collection<T>,
  streamId: string,
  fromVersion: number,
  knownBoundary = 0,
  window = 32,
): Promise<T[]> {
  let next = Math.max(knownBoundary, 0) + 1;
  if (next > fromVersion) next = await commitStartAtOrBefore(commits, streamId, fromVersion, window);
  const result: T[] = [];
  for (;;) {
    const docs = await findByKeys(
      commits,
      range(next, window).map((v) => streamKey(streamId, v)),
      'streamKey',
    );
    const byStart = new Map(docs.map((d) => [d.fromVersion, d]));
    const end = next + window;
    while (next < end) {
      const doc = byStart.get(next);
      if (!doc) return result;
      if (doc.toVersion >= fromVersion) result.push(doc);
      next = doc.toVersion + 1;
    }
  }
}

/** Where the commit that holds `version` starts: found by looking back in windows of start keys. */
async function commitStartAtOrBefore<T extends CommitKeys>(
  commits: Collection<T>,
  streamId: string,
  version: number,
  window: number,
): Promise<number> {
  for (let last = version; last >= 1; last -= window) {
    const first = Math.max(1, last - window + 1);
    const docs = (await commits
      .find({ streamKey: { $in: range(first, last - first + 1).map((v) => streamKey(streamId, v)) } } as never, {
        projection: { fromVersion: 1 },
      })
      .toArray()) as unknown as T[];
    const start = Math.max(0, ...docs.map((d) => d.fromVersion));
    if (start > 0) return start;
  }
  return 1;
}

/** The version at the end of the stream, walking forward from a known boundary (0 for a new stream). */
export async function streamTipFrom<T extends CommitKeys>(
  commits: Collection<T>,
  streamId: string,
  knownBoundary: number,
  window = 16,
): Promise<number> {
  let tip = knownBoundary;
  for (;;) {
    const docs = (await commits
      .find({ streamKey: { $in: range(tip + 1, window).map((v) => streamKey(streamId, v)) } } as never, {
        projection: { fromVersion: 1, toVersion: 1 },
      })
      .toArray()) as unknown as CommitKeys[];
    const byStart = new Map(docs.map((d) => [d.fromVersion, d]));
    const end = tip + 1 + window;
    for (let doc = byStart.get(tip + 1); doc; doc = byStart.get(tip + 1)) {
      tip = doc.toVersion;
      if (tip + 1 >= end) break;
    }
    if (tip + 1 < end) return tip;
  }
}

/**
 * Client settings for every connection of the platform: no operation waits forever. Without them the driver waits
 * without end on a socket that a restarted database never answers, or for a pooled connection, and a relay or a
 * writer stays stuck after a database outage (seen in the outage test under load). With them such an operation
 * fails, and the relay, the projections and the writers retry it as they retry any outage.
 */
export const DATABASE_CLIENT_OPTIONS = {
  serverSelectionTimeoutMS: 5_000,
  // also the driver's monitor's check: a busy machine's database may leave it unanswered for seconds, and with 5 s the
  // monitor timed out, the driver cleared the pool and interrupted operations in flight (PoolClearedOnNetworkError,
  // a CI run under load); a stopped database still fails operations within the server selection's 5 s
  connectTimeoutMS: 20_000,
  socketTimeoutMS: 60_000,
  waitQueueTimeoutMS: 30_000,
} as const;
