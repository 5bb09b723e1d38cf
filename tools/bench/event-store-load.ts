// The append load of bench:event-store, shared by the benchmark and its second process (event-store-worker.ts), so
// that both processes of the contention part do exactly the same work. Also a counting wrapper around the commit
// collection's insertMany/find/findOne, installed on the store's `commits` collection object from outside (the
// library is not changed): batch sizes of the group commit, document sizes, and duplicate-key failures by index.
import { randomUUID } from 'node:crypto';
import { BSON, type Collection, MongoBulkWriteError } from 'mongodb';
import { type CommitDocument, ExpectedVersion, type MongoEventStore } from '../../libs/shared/event-store/src';

/** Appends per stream before a writer starts a new one: aggregates like an organization have tens of events. */
export const STREAM_LENGTH = 50;

export const payload = (i: number) => ({
  organizationId: `org-${i}`,
  name: `第${i}党支部`,
  effectiveOn: '2026-11-22',
  documentNumber: `沪委〔2026〕${i}号`,
});

/** Appends to one stream, `size` events each, with the exact expected version each time, until `count` appends or the deadline; returns how many. */
export async function appendToStream(
  store: MongoEventStore,
  stream: string,
  count: number,
  size: number,
  deadline: number,
): Promise<number> {
  let version = 0;
  let i = 0;
  for (; i < count && performance.now() < deadline; i += 1) {
    const events = Array.from({ length: size }, (_, k) => ({
      type: 'OrganizationRenamed',
      data: payload(i * size + k),
    }));
    const result = await store.append(
      stream,
      version === 0 ? ExpectedVersion.noStream : ExpectedVersion.exact(version),
      events,
      { commitId: randomUUID(), actor: 'bench' },
    );
    version = result.nextExpectedVersion;
  }
  return i;
}

/** `writers` concurrent writers, each appending to new streams of STREAM_LENGTH appends until `deadline` (performance.now()); total appends. */
export async function appendUntil(
  store: MongoEventStore,
  writers: number,
  size: number,
  deadline: number,
): Promise<number> {
  const counts = await Promise.all(
    Array.from({ length: writers }, async () => {
      let done = 0;
      while (performance.now() < deadline)
        done += await appendToStream(store, `bench-${randomUUID()}`, STREAM_LENGTH, size, deadline);
      return done;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** What the commit collection was asked to do. Plain numbers, so a worker can send it over IPC. */
export interface CommitTraffic {
  /** insertMany round trips, documents sent in them, and documents they actually wrote. */
  inserts: number;
  docsSent: number;
  docsWritten: number;
  /** insertMany calls that stopped on a duplicate `_id`: another process had claimed the position (a collision). */
  positionCollisions: number;
  /** insertMany calls that stopped on another unique index (streamKey, or {streamId, commitId}). */
  otherDuplicates: number;
  /** find/findOne round trips on the commits (tips, head walks, and the look-ups after a duplicate key). */
  reads: number;
  /** Sum of the BSON sizes of the first document of each insertMany (sampled), and how many were summed. */
  sampledBytes: number;
  sampled: number;
  /** Documents per insertMany, as a histogram: batchSizes[n] = calls with n documents. */
  batchSizes: number[];
}

export const noTraffic = (): CommitTraffic => ({
  inserts: 0,
  docsSent: 0,
  docsWritten: 0,
  positionCollisions: 0,
  otherDuplicates: 0,
  reads: 0,
  sampledBytes: 0,
  sampled: 0,
  batchSizes: [],
});

export function addTraffic(a: CommitTraffic, b: CommitTraffic): CommitTraffic {
  const batchSizes = Array.from(
    { length: Math.max(a.batchSizes.length, b.batchSizes.length) },
    (_, n) => (a.batchSizes[n] ?? 0) + (b.batchSizes[n] ?? 0),
  );
  return {
    inserts: a.inserts + b.inserts,
    docsSent: a.docsSent + b.docsSent,
    docsWritten: a.docsWritten + b.docsWritten,
    positionCollisions: a.positionCollisions + b.positionCollisions,
    otherDuplicates: a.otherDuplicates + b.otherDuplicates,
    reads: a.reads + b.reads,
    sampledBytes: a.sampledBytes + b.sampledBytes,
    sampled: a.sampled + b.sampled,
    batchSizes,
  };
}

/** Mean, median and largest documents per insertMany, from the histogram. */
export function batchSummary(t: CommitTraffic): { mean: number; p50: number; max: number } {
  const calls = t.batchSizes.reduce((a, b) => a + (b ?? 0), 0);
  if (calls === 0) return { mean: 0, p50: 0, max: 0 };
  let seen = 0;
  let p50 = 0;
  for (let n = 0; n < t.batchSizes.length; n += 1) {
    seen += t.batchSizes[n] ?? 0;
    if (seen * 2 >= calls) {
      p50 = n;
      break;
    }
  }
  const sent = t.batchSizes.reduce((a, c, n) => a + (c ?? 0) * n, 0);
  return { mean: sent / calls, p50, max: t.batchSizes.length - 1 };
}

/** Counts a duplicate-key stop of an ordered insertMany: which index, and how many documents before it were written. */
function countFailure(traffic: CommitTraffic, error: unknown): void {
  if (!(error instanceof MongoBulkWriteError)) return;
  const raw: unknown = error.writeErrors;
  const first = (Array.isArray(raw) ? raw : [raw])[0] as { code?: number; index?: number; errmsg?: string } | undefined;
  if (!first || first.code !== 11000) return;
  traffic.docsWritten += first.index ?? 0;
  // "E11000 duplicate key error collection: <db>.<coll> index: _id_ dup key: { _id: 12 }" (MongoDB and mongo-java-server)
  if (/index: _id_ /.test(first.errmsg ?? '')) traffic.positionCollisions += 1;
  else traffic.otherDuplicates += 1;
}

/**
 * Wraps insertMany, find and findOne of the collection object (instance properties shadowing the prototype's
 * methods; the library's code is unchanged and still calls them). Returns the live counters; `take()` returns
 * them and starts afresh.
 */
export function countTraffic(commits: Collection<CommitDocument>): { take: () => CommitTraffic } {
  let traffic = noTraffic();
  const insertMany = commits.insertMany.bind(commits);
  const find = commits.find.bind(commits);
  const findOne = commits.findOne.bind(commits);
  commits.insertMany = async (docs: Parameters<typeof insertMany>[0], options?: Parameters<typeof insertMany>[1]) => {
    const t = traffic;
    t.inserts += 1;
    t.docsSent += docs.length;
    t.batchSizes[docs.length] = (t.batchSizes[docs.length] ?? 0) + 1;
    if (docs[0] && t.sampled < 10_000) {
      t.sampledBytes += BSON.calculateObjectSize(docs[0]);
      t.sampled += 1;
    }
    try {
      const result = await insertMany(docs, options);
      t.docsWritten += docs.length;
      return result;
    } catch (error) {
      countFailure(t, error);
      throw error;
    }
  };
  commits.find = ((...args: Parameters<typeof find>) => {
    traffic.reads += 1;
    return find(...args);
  }) as typeof commits.find;
  commits.findOne = ((...args: Parameters<typeof findOne>) => {
    traffic.reads += 1;
    return findOne(...args);
  }) as typeof commits.findOne;
  return {
    take: () => {
      const taken = traffic;
      taken.batchSizes = Array.from(taken.batchSizes, (c) => c ?? 0);
      traffic = noTraffic();
      return taken;
    },
  };
}
