// npm run bench:event-store — Lianjian's event store on the database it runs on. First line: the database (what runs
// it, and what it answers to buildInfo/serverStatus) and the machine, with its load average. Rounds: BENCH_ROUNDS (3)
// of BENCH_ROUND_MS (5,000 ms), medians reported.
//
//  1. Peers: appends/s of Lianjian's store and of Emmett's MongoDB event store on the same database, and of our store
//     without group commit (`maxBatchSize: 1`, an ablation): 1 and 16 concurrent writers, each appending with an
//     exact expected version to streams of up to 50 appends; 1- and 10-event appends.
//  2. The database's own limit, `ratio vs raw inserts` = the store's events/s ÷ raw inserts/s at 16 writers (goal
//     ≥ 0.5): plain ordered insertMany of commit documents of the store's shape and size, into a collection with the
//     store's unique indexes, from 16 writers through a bare group commit that yields the store's batch sizes (both
//     are measured and printed). That is the database work the store itself asks for, so the ratio is what the
//     store adds on top (tip checks, position claim, head hint). The group-commit-less path (each writer an
//     insertMany of one document) is printed beside it; it is the slower one here, so as the denominator it would
//     flatter the store. The three are measured in interleaved rounds, against drifting load from other work.
//  3. Contention on the global position: a second process (event-store-worker.ts, forked) appends with 16 writers
//     to the same store while this one does: combined appends/s, each process's share, and position collisions —
//     insertMany calls stopped by a duplicate `_id`, counted by a wrapper on each store's commit collection object
//     (event-store-load.ts), not by the library. Rounds of this process alone are interleaved, as the baseline.
//  4. The relay's end-to-end lag (append resolved → consumed from Kafka by an EventConsumer) at a steady open-loop
//     BENCH_RELAY_RATE (1,000) single-event appends/s for BENCH_RELAY_SECONDS (10) over BENCH_RELAY_STREAMS (100)
//     streams: p50/p99 (goal p99 < 50 ms), the rate achieved, and the appends' own latency.
//  5. A projection rebuilt from the log (goal ≥ 20,000 events/s): BENCH_REBUILD_EVENTS (200,000) single-event commits
//     over BENCH_REBUILD_STREAMS (10,000) streams, then a LogProjection from position 0 to the head, in batches of
//     BENCH_REBUILD_BATCH (2,000, as the members service's projection), folding each batch into per-stream documents
//     written with one bulkWrite of replaceOne by `_id`: events/s, and where the time went.
//
// BENCH_PARTS=peers,raw,contention,relay,rebuild picks parts (default all). Last line: `ratio vs emmett: X.XX`
// (16 writers, single-event appends). A full default run takes about 5½ minutes (peers 3, raw ¾, contention ½,
// relay ⅓, rebuild ½–1), plus the servers' start when they are not up. A smoke run (about 35 s):
//   BENCH_ROUNDS=1 BENCH_ROUND_MS=1000 BENCH_RELAY_SECONDS=5 BENCH_REBUILD_EVENTS=20000 node dist/tools/bench/event-store.bench.js
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { type Collection, MongoClient } from 'mongodb';
import {
  type Commit,
  type CommitDocument,
  ExpectedVersion,
  MongoEventStore,
  findByKeys,
  streamKey,
} from '../../libs/shared/event-store/src';
import { EventConsumer, LogProjection, OutboxRelay, versionStep } from '../../libs/shared/messaging/src';
import { databaseLabel, infraEnv, machine, median, percentile, repoRoot } from './common';
import {
  type CommitTraffic,
  STREAM_LENGTH,
  addTraffic,
  appendToStream,
  appendUntil,
  batchSummary,
  countTraffic,
  noTraffic,
  payload,
} from './event-store-load';
import type { WorkerReply, WorkerRequest } from './event-store-worker';

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not ${raw}`);
  return value;
}

const ROUNDS = Math.round(setting('BENCH_ROUNDS', 3));
/** Each round: every writer appends until this time is up (medians of the rounds are reported). */
const ROUND_MS = setting('BENCH_ROUND_MS', 5_000);
/** The store's default group commit size (MongoEventStore's maxBatchSize), used by the store and the raw path alike. */
const MAX_BATCH = 100;
const RELAY_RATE = setting('BENCH_RELAY_RATE', 1_000);
const RELAY_SECONDS = setting('BENCH_RELAY_SECONDS', 10);
const RELAY_STREAMS = Math.round(setting('BENCH_RELAY_STREAMS', 100));
const REBUILD_EVENTS = Math.round(setting('BENCH_REBUILD_EVENTS', 200_000));
const REBUILD_STREAMS = Math.round(setting('BENCH_REBUILD_STREAMS', 10_000));
/** Commits per LogProjection batch: what the members service's current-state projection uses. */
const REBUILD_BATCH = Math.round(setting('BENCH_REBUILD_BATCH', 2_000));
const ALL_PARTS = ['peers', 'raw', 'contention', 'relay', 'rebuild'] as const;
const PARTS = new Set((process.env['BENCH_PARTS'] || ALL_PARTS.join(',')).split(',').map((p) => p.trim()));
for (const part of PARTS)
  if (!(ALL_PARTS as readonly string[]).includes(part))
    throw new Error(`BENCH_PARTS: unknown part ${part} (parts: ${ALL_PARTS.join(', ')})`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const shortId = () => randomUUID().slice(0, 8);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

interface Peer {
  name: string;
  /** Appends to one stream, `size` events each, with the expected version each time, until `count` appends or the deadline; returns how many. */
  writer: (stream: string, count: number, size: number, deadline: number) => Promise<number>;
  /** What the store asked of its commit collection (Lianjian only). */
  traffic?: { take: () => CommitTraffic };
  close: () => Promise<void>;
}

/** The database as it describes itself: what runs it (from common.ts), and what it answers. */
async function describeDatabase(uri: string): Promise<string> {
  const client = await new MongoClient(uri).connect();
  try {
    const admin = client.db('admin');
    const build = await admin.command({ buildInfo: 1 });
    const hello = await admin.command({ isMaster: 1 }).catch(() => null); // mongo-java-server has no `hello`
    const status = await admin.command({ serverStatus: 1 }).catch(() => null);
    const facts = [`answers buildInfo ${String(build['version'])}`];
    if (hello?.['maxWireVersion'] !== undefined) facts.push(`wire version ${String(hello['maxWireVersion'])}`);
    const proc = status?.['process'] as string | undefined;
    if (proc) facts.push(proc === 'java' ? 'process java (mongo-java-server)' : `process ${proc}`);
    const engine = (status?.['storageEngine'] as { name?: string } | undefined)?.name;
    if (engine) facts.push(`storage engine ${engine}`);
    return `${databaseLabel()}; ${facts.join(', ')}`;
  } finally {
    await client.close();
  }
}

/** Lianjian's store; with `maxBatchSize: 1` the same store without group commit (an ablation, not a peer). */
async function lianjian(uri: string, name = 'lianjian', maxBatchSize = MAX_BATCH, counted = false): Promise<Peer> {
  const client = await new MongoClient(uri).connect();
  const store = new MongoEventStore({ db: client.db(`bench_lianjian_${shortId()}`), maxBatchSize });
  // `counted`: batch sizes and document sizes for the raw-insert comparison (a few counter increments per call)
  const traffic = counted ? countTraffic(store.commits) : undefined;
  await store.init();
  return {
    name,
    writer: (stream, count, size, deadline) => appendToStream(store, stream, count, size, deadline),
    ...(traffic ? { traffic } : {}),
    close: async () => {
      await client.db(store.commits.dbName).dropDatabase();
      await client.close();
    },
  };
}

async function emmett(uri: string): Promise<Peer> {
  const peers = path.join(repoRoot, 'tools/bench/peers');
  if (!existsSync(path.join(peers, 'node_modules/@event-driven-io/emmett-mongodb'))) {
    execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: peers, stdio: 'inherit' });
  }
  type EmmettStore = {
    appendToStream: (
      name: string,
      events: Array<{ type: string; data: unknown }>,
      options?: { expectedStreamVersion?: bigint },
    ) => Promise<{ nextExpectedStreamVersion: bigint }>;
  };
  // The peer lives in its own folder with its own mongodb 6 driver (it pins it); loaded from there.
  const load = createRequire(path.join(peers, 'package.json'));
  const peerRequire = (name: string) => load(name) as Record<string, unknown>;
  const { MongoClient: PeerClient } = peerRequire('mongodb') as {
    MongoClient: new (uri: string) => {
      connect(): Promise<unknown>;
      db(name: string): { dropDatabase(): Promise<unknown> };
      close(): Promise<void>;
    };
  };
  const { getMongoDBEventStore, toStreamName } = peerRequire('@event-driven-io/emmett-mongodb') as {
    getMongoDBEventStore: (options: { client: unknown; storage?: unknown }) => EmmettStore;
    toStreamName: (type: string, id: string) => string;
  };
  const dbName = `bench_emmett_${shortId()}`;
  const client = new PeerClient(`${uri.replace(/\/?$/, '/')}${dbName}`);
  await client.connect();
  const store = getMongoDBEventStore({ client });
  return {
    name: 'emmett',
    writer: async (stream, count, size, deadline) => {
      let version = 0n;
      const name = toStreamName('organization', stream);
      let i = 0;
      for (; i < count && performance.now() < deadline; i += 1) {
        const events = Array.from({ length: size }, (_, k) => ({
          type: 'OrganizationRenamed',
          data: payload(i * size + k),
        }));
        const result = await store.appendToStream(name, events, { expectedStreamVersion: version });
        version = result.nextExpectedStreamVersion;
      }
      return i;
    },
    close: async () => {
      await client.db(dbName).dropDatabase();
      await client.close();
    },
  };
}

async function appendsPerSecond(peer: Peer, writers: number, size: number): Promise<number> {
  const started = performance.now();
  const deadline = started + ROUND_MS;
  const counts = await Promise.all(
    Array.from({ length: writers }, async () => {
      let done = 0;
      while (performance.now() < deadline)
        done += await peer.writer(`bench-${randomUUID()}`, STREAM_LENGTH, size, deadline);
      return done;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return counts.reduce((a, b) => a + b, 0) / seconds;
}

// ---- 2. the database's own limit ------------------------------------------------------------------------------

/** A commit document exactly as the store writes a single-event append (same fields, same payload), `_id` set later. */
function commitDocument(streamId: string, version: number): CommitDocument {
  return {
    _id: 0,
    streamId,
    streamKey: streamKey(streamId, version),
    fromVersion: version,
    toVersion: version,
    commitId: randomUUID(),
    occurredAt: new Date(),
    actor: 'bench',
    district: null,
    correlationId: null,
    causationId: null,
    events: [{ eventId: randomUUID(), type: 'OrganizationRenamed', schemaVersion: 1, data: payload(version - 1) }],
  };
}

interface RawInserter {
  /** One round: inserts/s. */
  round: () => Promise<number>;
  traffic: { take: () => CommitTraffic };
  close: () => Promise<void>;
}

/**
 * Raw inserts of the store's documents by `writers` concurrent writers, each inserting one commit document at a time
 * into streams of STREAM_LENGTH commits (the store's load, without the store). `grouped`: the writers' documents go
 * through a bare group commit — a queue drained by one ordered insertMany of up to MAX_BATCH documents at a time,
 * positions assigned in order — so the database sees the same insertMany batches as from the store (the batch
 * sizes are measured and printed for both), and nothing else: no tip checks, no position claim, no head hint.
 * Otherwise: every writer sends its own insertMany of one document (the group-commit-less path; the database's
 * concurrency instead of batching). The collection has the store's unique indexes: they are part of what the
 * database does for each commit.
 */
async function rawInserter(uri: string, writers: number, grouped: boolean): Promise<RawInserter> {
  const client = await new MongoClient(uri).connect();
  const db = client.db(`bench_raw_${shortId()}`);
  const commits = db.collection<CommitDocument>('es_commits');
  await commits.createIndex({ streamKey: 1 }, { unique: true, name: 'stream_key' });
  await commits.createIndex({ streamId: 1, commitId: 1 }, { unique: true, name: 'stream_commit' });
  const traffic = countTraffic(commits);
  let position = 1;
  const queue: Array<{ doc: CommitDocument; done: () => void; fail: (error: unknown) => void }> = [];
  let writing = false;
  const write = async (batch: typeof queue): Promise<void> => {
    for (const p of batch) p.doc._id = position++;
    await commits.insertMany(
      batch.map((p) => p.doc),
      { ordered: true },
    );
    for (const p of batch) p.done();
  };
  // Shaped like MongoEventStore's drain (an awaited async write per batch): the writers whose appends just resolved
  // queue their next one before the loop looks at the queue again, so the batches come out the same size.
  const drain = async (): Promise<void> => {
    if (writing) return;
    writing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, MAX_BATCH);
        try {
          await write(batch);
        } catch (error) {
          for (const p of batch) p.fail(error);
        }
      }
    } finally {
      writing = false;
    }
  };
  const insert = grouped
    ? (doc: CommitDocument) =>
        new Promise<void>((done, fail) => {
          queue.push({ doc, done, fail });
          void drain();
        })
    : async (doc: CommitDocument) => {
        doc._id = position++;
        await commits.insertMany([doc], { ordered: true });
      };
  return {
    round: async () => {
      const started = performance.now();
      const deadline = started + ROUND_MS;
      const counts = await Promise.all(
        Array.from({ length: writers }, async () => {
          let done = 0;
          while (performance.now() < deadline) {
            const stream = `bench-${randomUUID()}`;
            for (let version = 1; version <= STREAM_LENGTH && performance.now() < deadline; version += 1) {
              await insert(commitDocument(stream, version));
              done += 1;
            }
          }
          return done;
        }),
      );
      return counts.reduce((a, b) => a + b, 0) / ((performance.now() - started) / 1000);
    },
    traffic,
    close: async () => {
      await db.dropDatabase();
      await client.close();
    },
  };
}

/**
 * The store and the two raw paths at 16 writers, single-event appends, their rounds interleaved (store, raw in
 * batches, raw unbatched, store, …) so that all three see the same machine: others' load drifts over a run, and a
 * ratio of figures taken minutes apart would measure the drift. Fresh collections for all three.
 */
async function versusRaw(
  uri: string,
  writers: number,
): Promise<{
  store: number;
  grouped: number;
  single: number;
  ratio: number;
  storeTraffic: CommitTraffic;
  groupedTraffic: CommitTraffic;
}> {
  const store = await lianjian(uri, 'lianjian', MAX_BATCH, true);
  const grouped = await rawInserter(uri, writers, true);
  const single = await rawInserter(uri, writers, false);
  const rounds = { store: [] as number[], grouped: [] as number[], single: [] as number[] };
  let storeTraffic = noTraffic();
  let groupedTraffic = noTraffic();
  try {
    store.traffic!.take();
    grouped.traffic.take();
    for (let r = 0; r < ROUNDS; r += 1) {
      rounds.store.push(await appendsPerSecond(store, writers, 1));
      storeTraffic = addTraffic(storeTraffic, store.traffic!.take());
      rounds.grouped.push(await grouped.round());
      groupedTraffic = addTraffic(groupedTraffic, grouped.traffic.take());
      rounds.single.push(await single.round());
    }
  } finally {
    await store.close();
    await grouped.close();
    await single.close();
  }
  // the ratio is the median of each round's own ratio (store ÷ the raw round right after it): neighbours share conditions
  const ratio = median(rounds.store.map((v, r) => v / rounds.grouped[r]!));
  return {
    store: median(rounds.store),
    grouped: median(rounds.grouped),
    single: median(rounds.single),
    ratio,
    storeTraffic,
    groupedTraffic,
  };
}

const describeBatches = (t: CommitTraffic): string => {
  const b = batchSummary(t);
  return `${b.mean.toFixed(1)} docs/insertMany (median ${b.p50}, max ${b.max}), ${t.sampled ? Math.round(t.sampledBytes / t.sampled) : 0} B/doc`;
};

// ---- 3. two processes on one store ----------------------------------------------------------------------------

interface ContentionResult {
  combined: number;
  /** This process alone on the same store, in rounds interleaved with the combined ones. */
  alone: number;
  own: number;
  other: number;
  ownTraffic: CommitTraffic;
  otherTraffic: CommitTraffic;
  head: number;
  documents: number;
  /** Every append of the part, alone rounds included: the documents there must be. */
  appends: number;
}

/** A forked event-store-worker with request/reply over its IPC channel. */
function startWorker(): {
  child: ChildProcess;
  request: (message: WorkerRequest) => void;
  reply: <K extends WorkerReply['kind']>(kind: K) => Promise<Extract<WorkerReply, { kind: K }>>;
  exited: Promise<void>;
} {
  // from dist/ the worker is the compiled .js beside this file; from source (register-ts) the .ts, loaded the same way
  const entry = path.join(__dirname, `event-store-worker${path.extname(__filename)}`);
  const child = fork(entry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: process.execArgv });
  const inbox: WorkerReply[] = [];
  let waiting: ((reply: WorkerReply | null) => void) | null = null;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (message: WorkerReply) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(message);
    } else inbox.push(message);
  });
  void exited.then(() => waiting?.(null));
  const next = (): Promise<WorkerReply | null> =>
    inbox.length ? Promise.resolve(inbox.shift()!) : new Promise((resolve) => (waiting = resolve));
  return {
    child,
    request: (message) => child.send(message),
    reply: async <K extends WorkerReply['kind']>(kind: K) => {
      const message = await next();
      if (message === null)
        throw new Error(`the worker exited (code ${String(child.exitCode)}) before its ${kind} reply`);
      if (message.kind === 'error') throw new Error(`the worker failed: ${message.message}`);
      if (message.kind !== kind) throw new Error(`the worker answered ${message.kind}, not ${kind}`);
      return message as Extract<WorkerReply, { kind: K }>;
    },
    exited,
  };
}

/**
 * This process and a second one (event-store-worker.ts), each with its own MongoEventStore on the same collections
 * and 16 writers, appending at the same time. Each store claims positions as head + 1 from its own cache, so the
 * two collide on `_id`: the loser's insertMany stops on a duplicate key, it re-reads the head and retries. The
 * collisions are counted by the wrapper on each store's commit collection (countTraffic), not by the library.
 */
async function contention(uri: string, writers: number): Promise<ContentionResult> {
  const client = await new MongoClient(uri).connect();
  const dbName = `bench_contention_${shortId()}`;
  const db = client.db(dbName);
  const store = new MongoEventStore({ db, maxBatchSize: MAX_BATCH });
  const counter = countTraffic(store.commits);
  await store.init();
  const worker = startWorker();
  const combined: number[] = [];
  const alone: number[] = [];
  let own = 0;
  let other = 0;
  let appends = 0;
  let ownTraffic = noTraffic();
  let otherTraffic = noTraffic();
  try {
    worker.request({
      kind: 'setup',
      uri,
      dbName,
      maxBatchSize: MAX_BATCH,
      warmUp: { writers, ms: Math.min(1_000, ROUND_MS) },
    });
    appends += (await worker.reply('ready')).warmUpAppends;
    for (let r = 0; r < ROUNDS; r += 1) {
      // this process alone on the same store, then both: the baseline under the same conditions
      const aloneStarted = performance.now();
      const solo = await appendUntil(store, writers, 1, aloneStarted + ROUND_MS);
      alone.push(solo / ((performance.now() - aloneStarted) / 1000));
      appends += solo;
      const startAt = Date.now() + 300;
      worker.request({ kind: 'round', startAt, ms: ROUND_MS, writers, size: 1 });
      await sleep(startAt - Date.now());
      counter.take();
      const started = performance.now();
      const mine = await appendUntil(store, writers, 1, started + ROUND_MS);
      const seconds = (performance.now() - started) / 1000;
      ownTraffic = addTraffic(ownTraffic, counter.take());
      const theirs = await worker.reply('result');
      otherTraffic = addTraffic(otherTraffic, theirs.traffic);
      combined.push(mine / seconds + theirs.appends / theirs.seconds);
      own += mine;
      other += theirs.appends;
    }
    appends += own + other;
    worker.request({ kind: 'exit' });
    await worker.exited;
    const head = await store.headPosition();
    const documents = await store.commits.countDocuments();
    return {
      combined: median(combined),
      alone: median(alone),
      own,
      other,
      ownTraffic,
      otherTraffic,
      head,
      documents,
      appends,
    };
  } finally {
    if (worker.child.exitCode === null) worker.child.kill();
    await db.dropDatabase();
    await client.close();
  }
}

// ---- 4. relay lag at a steady rate ------------------------------------------------------------------------------

interface LagResult {
  p50: number;
  p99: number;
  max: number;
  delivered: number;
  appended: number;
  failed: number;
  achieved: number;
  appendP50: number;
  appendP99: number;
}

async function relayLag(
  uri: string,
  brokers: string,
  rate: number,
  seconds: number,
  streamCount: number,
): Promise<LagResult> {
  const client = await new MongoClient(uri).connect();
  const db = client.db(`bench_relay_${shortId()}`);
  const store = new MongoEventStore({ db });
  await store.init();
  const kafka = new Kafka({ clientId: 'bench', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const topic = `bench.relay.${shortId()}`;
  const relay = new OutboxRelay({
    service: 'bench',
    store,
    db,
    kafka,
    topicFor: () => topic,
    topics: [{ name: topic, partitions: 3 }],
    pollIntervalMs: 20,
  });
  /** By global position: when the append was asked for, when it resolved, when the consumer got the event. */
  const requestedAt = new Map<number, number>();
  const resolvedAt = new Map<number, number>();
  const receivedAt = new Map<number, number>();
  let warm = false;
  const consumer = new EventConsumer({
    kafka,
    groupId: `${topic}.g`,
    topics: [topic],
    handle: (e) => {
      const now = performance.now();
      if (e.type === 'Warmup') warm = true;
      else if (!receivedAt.has(e.globalPosition)) receivedAt.set(e.globalPosition, now);
      return Promise.resolve();
    },
  });
  relay.start();
  await consumer.start();
  try {
    // warm up: the first message also waits for the consumer group to settle
    await store.append('warmup', ExpectedVersion.any, [{ type: 'Warmup', data: {} }], {
      commitId: randomUUID(),
      actor: 'bench',
    });
    relay.notify();
    const warmDeadline = Date.now() + 60_000;
    while (!warm && Date.now() < warmDeadline) await sleep(20);
    if (!warm) throw new Error('the warm-up event did not arrive within 60 s');
    await sleep(500);

    const streams = Array.from({ length: streamCount }, (_, i) => `relay-${i}`);
    const total = Math.round(rate * seconds);
    const pending: Array<Promise<void>> = [];
    let failed = 0;
    let lastResolved = 0;
    const started = performance.now();
    // open loop: appends are started on schedule whether or not earlier ones have resolved (the store batches them)
    for (let issued = 0; issued < total;) {
      const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000) + 1);
      for (; issued < due; issued += 1) {
        const i = issued;
        const at = performance.now();
        pending.push(
          store
            .append(streams[i % streamCount]!, ExpectedVersion.any, [{ type: 'Tick', data: payload(i) }], {
              commitId: randomUUID(),
              actor: 'bench',
            })
            .then(
              (result) => {
                const now = performance.now();
                requestedAt.set(result.globalPosition, at);
                resolvedAt.set(result.globalPosition, now);
                lastResolved = Math.max(lastResolved, now);
                relay.notify();
              },
              () => {
                failed += 1;
              },
            ),
        );
      }
      if (issued < total) await sleep(Math.max(1, (issued * 1000) / rate - (performance.now() - started)));
    }
    await Promise.all(pending);
    const achieved = resolvedAt.size / ((lastResolved - started) / 1000);
    const deadline = Date.now() + 60_000;
    while ([...resolvedAt.keys()].some((p) => !receivedAt.has(p)) && Date.now() < deadline) await sleep(50);
    const lags: number[] = [];
    const appendLatencies: number[] = [];
    for (const [position, at] of resolvedAt) {
      appendLatencies.push(at - requestedAt.get(position)!);
      const received = receivedAt.get(position);
      if (received !== undefined) lags.push(received - at);
    }
    return {
      p50: percentile(lags, 50),
      p99: percentile(lags, 99),
      max: Math.max(0, ...lags),
      delivered: lags.length,
      appended: resolvedAt.size,
      failed,
      achieved,
      appendP50: percentile(appendLatencies, 50),
      appendP99: percentile(appendLatencies, 99),
    };
  } finally {
    await consumer.stop();
    await relay.stop();
    await db.dropDatabase();
    await client.close();
  }
}

// ---- 5. a projection rebuilt from the log -----------------------------------------------------------------------

interface StreamState {
  _id: string;
  version: number;
  events: number;
  lastType: string;
  lastPosition: number;
  lastAt: Date;
}

/** Milliseconds a rebuild spent in each step (the rest: the lease, and the projection's own loop). */
interface RebuildPhases {
  readLog: number;
  readStates: number;
  fold: number;
  write: number;
}

/** Folds a batch of commits into per-stream documents, as apps/members' current-state projection does. */
function foldInto(
  states: Collection<StreamState>,
  phases: RebuildPhases,
): (commits: readonly Commit[]) => Promise<void> {
  return async (commits) => {
    let at = performance.now();
    const lap = (phase: keyof RebuildPhases) => {
      const now = performance.now();
      phases[phase] += now - at;
      at = now;
    };
    const events = commits.flatMap((c) => c.events);
    // only streams that existed before this batch need their current document
    const firstInBatch = new Set(events.filter((e) => e.streamVersion === 1).map((e) => e.streamId));
    const needed = [...new Set(events.filter((e) => !firstInBatch.has(e.streamId)).map((e) => e.streamId))];
    const current = new Map<string, StreamState>();
    lap('fold');
    for (const doc of await findByKeys(states, needed)) current.set(doc._id, doc);
    lap('readStates');
    const changed = new Set<string>();
    for (const event of events) {
      const state = current.get(event.streamId) ?? null;
      const step = versionStep(state?.version ?? 0, event.streamVersion);
      if (step === 'seen') continue;
      if (step === 'gap')
        throw new Error(`${event.streamId}: version ${event.streamVersion} after ${state?.version ?? 0}`);
      current.set(event.streamId, {
        _id: event.streamId,
        version: event.streamVersion,
        events: (state?.events ?? 0) + 1,
        lastType: event.type,
        lastPosition: event.globalPosition,
        lastAt: event.occurredAt,
      });
      changed.add(event.streamId);
    }
    lap('fold');
    if (changed.size) {
      await states.bulkWrite(
        [...changed].map((id) => ({
          replaceOne: { filter: { _id: id }, replacement: current.get(id)!, upsert: true },
        })),
        { ordered: false },
      );
    }
    lap('write');
  };
}

interface RebuildResult {
  seeded: number;
  seedPerSecond: number;
  perSecond: number;
  seconds: number;
  position: number;
  head: number;
  documents: number;
  phases: RebuildPhases;
}

async function rebuild(uri: string, events: number, streamCount: number, batchSize: number): Promise<RebuildResult> {
  const client = await new MongoClient(uri).connect();
  const db = client.db(`bench_rebuild_${shortId()}`);
  try {
    // The log, written through the store: many concurrent single-event appends (big group commits), streams
    // interleaved in global order as they would be after months of commands. Append i goes to stream i mod
    // streamCount at version ⌊i / streamCount⌋ + 1, with that exact expectation: appends are queued in the order of
    // i, so a stream's previous append is always ahead in the queue (a new stream needs no tip read).
    const seeder = new MongoEventStore({ db, maxBatchSize: 500 });
    await seeder.init();
    let next = 0;
    const seedStarted = performance.now();
    await Promise.all(
      Array.from({ length: Math.min(500, events) }, async () => {
        for (let i = next++; i < events; i = next++) {
          const before = Math.floor(i / streamCount);
          await seeder.append(
            `stream-${i % streamCount}`,
            before === 0 ? ExpectedVersion.noStream : ExpectedVersion.exact(before),
            [{ type: 'OrganizationRenamed', data: payload(i) }],
            { commitId: randomUUID(), actor: 'bench' },
          );
        }
      }),
    );
    const seedPerSecond = events / ((performance.now() - seedStarted) / 1000);
    const head = await seeder.headPosition();

    // The rebuild: a fresh store (a restarted service) and a projection with no checkpoint, up to the head.
    const store = new MongoEventStore({ db });
    const phases: RebuildPhases = { readLog: 0, readStates: 0, fold: 0, write: 0 };
    const readAllCommits = store.readAllCommits.bind(store);
    store.readAllCommits = async (after, limit) => {
      const at = performance.now();
      const commits = await readAllCommits(after, limit);
      phases.readLog += performance.now() - at;
      return commits;
    };
    const states = db.collection<StreamState>('stream_state');
    const projection = new LogProjection({ name: 'rebuild', store, db, batchSize, apply: foldInto(states, phases) });
    const started = performance.now();
    await projection.catchUp();
    const seconds = (performance.now() - started) / 1000;
    const position = await projection.position();
    await projection.stop();
    const documents = await states.countDocuments();
    return { seeded: events, seedPerSecond, perSecond: position / seconds, seconds, position, head, documents, phases };
  } finally {
    await db.dropDatabase();
    await client.close();
  }
}

// ---- the run ------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { MONGODB_URI, KAFKA_BROKERS } = infraEnv();
  console.log(
    `event-store benchmark on ${await describeDatabase(MONGODB_URI)} — ${machine()}; load average ${os.loadavg()[0]!.toFixed(2)} at start`,
  );
  console.log(
    `settings: ${ROUNDS} round(s) of ${ROUND_MS} ms; relay ${RELAY_RATE}/s for ${RELAY_SECONDS} s over ${RELAY_STREAMS} streams; ` +
      `rebuild ${REBUILD_EVENTS} events over ${REBUILD_STREAMS} streams in batches of ${REBUILD_BATCH}; parts ${[...PARTS].join(',')}`,
  );
  const results = new Map<string, number>();

  if (PARTS.has('peers')) {
    const peers = [
      await lianjian(MONGODB_URI),
      await emmett(MONGODB_URI),
      await lianjian(MONGODB_URI, 'lianjian-no-group-commit', 1),
    ];
    for (const writers of [1, 16]) {
      for (const size of [1, 10]) {
        const row: string[] = [];
        for (const peer of peers) {
          const rounds: number[] = [];
          for (let r = 0; r < ROUNDS; r += 1) rounds.push(await appendsPerSecond(peer, writers, size));
          const value = median(rounds);
          results.set(`${peer.name}:${writers}:${size}`, value);
          row.push(`${peer.name} ${value.toFixed(0)} appends/s (${(value * size).toFixed(0)} events/s)`);
        }
        const ratio = results.get(`lianjian:${writers}:${size}`)! / results.get(`emmett:${writers}:${size}`)!;
        console.log(
          `writers=${String(writers).padStart(2)} events/append=${String(size).padStart(2)}: ${row.join(' | ')} | ratio vs emmett ${ratio.toFixed(2)}`,
        );
      }
    }
    for (const peer of peers) await peer.close();
  }

  if (PARTS.has('raw')) {
    const v = await versusRaw(MONGODB_URI, 16);
    console.log(
      `the database's own limit, 16 writers, single-event commit documents with the store's indexes, rounds interleaved: ` +
        `raw insertMany in the store's batches ${fmt(v.grouped)} inserts/s (${describeBatches(v.groupedTraffic)}) | ` +
        `raw insertMany of 1 document per writer ${fmt(v.single)} inserts/s | ` +
        `Lianjian ${fmt(v.store)} events/s (${describeBatches(v.storeTraffic)}; ${(v.storeTraffic.reads / Math.max(1, v.storeTraffic.docsWritten)).toFixed(2)} commit reads per append) | ` +
        `Lianjian / unbatched raw ${(v.store / v.single).toFixed(2)}`,
    );
    console.log(`ratio vs raw inserts: ${v.ratio.toFixed(2)}`);
  }

  if (PARTS.has('contention')) {
    const c = await contention(MONGODB_URI, 16);
    const all = addTraffic(c.ownTraffic, c.otherTraffic);
    const together = Math.max(1, c.own + c.other);
    const per = (n: number, digits = 2) => (n / together).toFixed(digits);
    console.log(
      `two processes × 16 writers appending to one store at once: ${fmt(c.combined)} appends/s combined (this process alone, rounds in between: ${fmt(c.alone)}); ` +
        `shares: this process ${((100 * c.own) / together).toFixed(0)} %, the other ${((100 * c.other) / together).toFixed(0)} %; ` +
        `position collisions (an insertMany stopped on a duplicate _id) ${fmt(all.positionCollisions)} = ${((1000 * all.positionCollisions) / together).toFixed(1)} per 1,000 appends ` +
        `(this process ${fmt(c.ownTraffic.positionCollisions)}, the other ${fmt(c.otherTraffic.positionCollisions)}); per append: ${per(all.inserts, 3)} insert round trips, ` +
        `${per(all.docsSent)} documents sent, ${per(all.reads)} commit reads; other duplicate keys ${all.otherDuplicates}; ` +
        `gap-free: ${c.head === c.documents && c.documents === c.appends ? 'yes' : 'NO'} (head ${c.head}, ${c.documents} documents, ${c.appends} appends)`,
    );
  }

  if (PARTS.has('relay')) {
    const lag = await relayLag(MONGODB_URI, KAFKA_BROKERS, RELAY_RATE, RELAY_SECONDS, RELAY_STREAMS);
    console.log(
      `relay end-to-end lag at ${fmt(RELAY_RATE)} single-event appends/s for ${RELAY_SECONDS} s over ${RELAY_STREAMS} streams (append resolved → consumed from Kafka): ` +
        `p50 ${lag.p50.toFixed(1)} ms, p99 ${lag.p99.toFixed(1)} ms, max ${lag.max.toFixed(1)} ms over ${fmt(lag.delivered)} of ${fmt(lag.appended)} events` +
        `${lag.failed ? ` (${lag.failed} appends failed)` : ''}; achieved ${fmt(lag.achieved)} appends/s; append latency p50 ${lag.appendP50.toFixed(1)} ms, p99 ${lag.appendP99.toFixed(1)} ms`,
    );
  }

  if (PARTS.has('rebuild')) {
    const r = await rebuild(MONGODB_URI, REBUILD_EVENTS, REBUILD_STREAMS, REBUILD_BATCH);
    const share = (ms: number) => `${((100 * ms) / (r.seconds * 1000)).toFixed(0)} %`;
    console.log(
      `projection rebuilt from the log: ${fmt(r.position)} single-event commits over ${fmt(Math.min(REBUILD_STREAMS, REBUILD_EVENTS))} streams in ${r.seconds.toFixed(1)} s = ` +
        `${fmt(r.perSecond)} events/s (LogProjection, batches of ${REBUILD_BATCH}, one bulkWrite of replaceOne by _id per batch; ` +
        `reached the head: ${r.position === r.head ? 'yes' : `NO, ${r.position} of ${r.head}`}, ${fmt(r.documents)} stream documents); ` +
        `time in reading the log ${share(r.phases.readLog)}, reading stream documents ${share(r.phases.readStates)}, folding ${share(r.phases.fold)}, bulkWrite ${share(r.phases.write)}, ` +
        `the rest (lease, checkpoint) ${share(r.seconds * 1000 - r.phases.readLog - r.phases.readStates - r.phases.fold - r.phases.write)}; ` +
        `log written at ${fmt(r.seedPerSecond)} appends/s (500 concurrent writers)`,
    );
  }

  const emmettRatio = results.has('emmett:16:1')
    ? (results.get('lianjian:16:1')! / results.get('emmett:16:1')!).toFixed(2)
    : 'n/a (the peers part did not run)';
  console.log(`ratio vs emmett: ${emmettRatio}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
