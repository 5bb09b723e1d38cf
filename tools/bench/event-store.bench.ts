// npm run bench:event-store — appends/s of Lianjian's event store and of Emmett's MongoDB event store on the same
// database in one run (1 and 16 concurrent writers, each appending with an exact expected version to streams of up
// to 50 appends; 1- and 10-event appends; 3 rounds of 5 s), then the relay's end-to-end lag
// (append → consumed from Kafka) at a steady load. Medians of 3 rounds. Last line: `ratio vs emmett: X.XX`.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { ExpectedVersion, MongoEventStore } from '../../libs/shared/event-store/src';
import { EventConsumer, OutboxRelay } from '../../libs/shared/messaging/src';
import { databaseLabel, infraEnv, machine, median, percentile, repoRoot } from './common';

const ROUNDS = 3;
/** Each round: every writer appends until this time is up (medians of the rounds are reported). */
const ROUND_MS = 5_000;
/** Appends per stream before a writer starts a new one: aggregates like an organization have tens of events. */
const STREAM_LENGTH = 50;

interface Peer {
  name: string;
  /** Appends to one stream, `size` events each, with the expected version each time, until `count` appends or the deadline; returns how many. */
  writer: (stream: string, count: number, size: number, deadline: number) => Promise<number>;
  close: () => Promise<void>;
}

const payload = (i: number) => ({ organizationId: `org-${i}`, name: `第${i}党支部`, effectiveOn: '2026-11-22', documentNumber: `沪委〔2026〕${i}号` });

/** Lianjian's store; with `maxBatchSize: 1` the same store without group commit (an ablation, not a peer). */
async function lianjian(uri: string, name = 'lianjian', maxBatchSize = 100): Promise<Peer> {
  const client = await new MongoClient(uri).connect();
  const store = new MongoEventStore({ db: client.db(`bench_lianjian_${randomUUID().slice(0, 8)}`), maxBatchSize });
  await store.init();
  return {
    name,
    writer: async (stream, count, size, deadline) => {
      let version = 0;
      let i = 0;
      for (; i < count && performance.now() < deadline; i += 1) {
        const events = Array.from({ length: size }, (_, k) => ({ type: 'OrganizationRenamed', data: payload(i * size + k) }));
        const result = await store.append(stream, version === 0 ? ExpectedVersion.noStream : ExpectedVersion.exact(version), events, { commitId: randomUUID(), actor: 'bench' });
        version = result.nextExpectedVersion;
      }
      return i;
    },
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
  type EmmettStore = { appendToStream: (name: string, events: Array<{ type: string; data: unknown }>, options?: { expectedStreamVersion?: bigint }) => Promise<{ nextExpectedStreamVersion: bigint }> };
  // The peer lives in its own folder with its own mongodb 6 driver (it pins it); loaded from there.
  const load = createRequire(path.join(peers, 'package.json'));
  const peerRequire = (name: string) => load(name) as Record<string, unknown>;
  const { MongoClient: PeerClient } = peerRequire('mongodb') as { MongoClient: new (uri: string) => { connect(): Promise<unknown>; db(name: string): { dropDatabase(): Promise<unknown> }; close(): Promise<void> } };
  const { getMongoDBEventStore, toStreamName } = peerRequire('@event-driven-io/emmett-mongodb') as {
    getMongoDBEventStore: (options: { client: unknown; storage?: unknown }) => EmmettStore;
    toStreamName: (type: string, id: string) => string;
  };
  const dbName = `bench_emmett_${randomUUID().slice(0, 8)}`;
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
        const events = Array.from({ length: size }, (_, k) => ({ type: 'OrganizationRenamed', data: payload(i * size + k) }));
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
      while (performance.now() < deadline) done += await peer.writer(`bench-${randomUUID()}`, STREAM_LENGTH, size, deadline);
      return done;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return counts.reduce((a, b) => a + b, 0) / seconds;
}

async function relayLag(uri: string, brokers: string): Promise<{ p50: number; p99: number; count: number }> {
  const client = await new MongoClient(uri).connect();
  const db = client.db(`bench_relay_${randomUUID().slice(0, 8)}`);
  const store = new MongoEventStore({ db });
  await store.init();
  const kafka = new Kafka({ clientId: 'bench', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const topic = `bench.relay.${randomUUID().slice(0, 8)}`;
  const relay = new OutboxRelay({ service: 'bench', store, db, kafka, topicFor: () => topic, topics: [{ name: topic, partitions: 3 }], pollIntervalMs: 20 });
  const appendedAt = new Map<string, number>();
  const lags: number[] = [];
  const consumer = new EventConsumer({
    kafka,
    groupId: `${topic}.g`,
    topics: [topic],
    handle: (e) => {
      const at = appendedAt.get(`${e.streamId}:${e.streamVersion}`);
      if (at !== undefined) lags.push(performance.now() - at);
      return Promise.resolve();
    },
  });
  relay.start();
  await consumer.start();
  // warm up: the first message also waits for the consumer group to settle
  await store.append('warmup', ExpectedVersion.any, [{ type: 'Warmup', data: {} }], { commitId: randomUUID(), actor: 'bench' });
  await new Promise((r) => setTimeout(r, 3000));
  const rate = 100; // appends per second, for 10 seconds
  const total = rate * 10;
  const streams = Array.from({ length: 20 }, (_, i) => `relay-${i}`);
  const versions = new Map<string, number>();
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const stream = streams[i % streams.length]!;
    const version = (versions.get(stream) ?? 0) + 1;
    versions.set(stream, version);
    appendedAt.set(`${stream}:${version}`, performance.now());
    await store.append(stream, ExpectedVersion.any, [{ type: 'Tick', data: payload(i) }], { commitId: randomUUID(), actor: 'bench' });
    relay.notify();
  }
  const deadline = Date.now() + 60_000;
  while (lags.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await consumer.stop();
  await relay.stop();
  await db.dropDatabase();
  await client.close();
  return { p50: percentile(lags, 50), p99: percentile(lags, 99), count: lags.length };
}

async function main(): Promise<void> {
  const { MONGODB_URI, KAFKA_BROKERS } = infraEnv();
  console.log(`event-store benchmark on ${databaseLabel()} — ${machine()}`);
  const peers = [await lianjian(MONGODB_URI), await emmett(MONGODB_URI), await lianjian(MONGODB_URI, 'lianjian-no-group-commit', 1)];
  const results = new Map<string, number>();
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
      console.log(`writers=${String(writers).padStart(2)} events/append=${String(size).padStart(2)}: ${row.join(' | ')} | ratio vs emmett ${ratio.toFixed(2)}`);
    }
  }
  for (const peer of peers) await peer.close();
  const lag = await relayLag(MONGODB_URI, KAFKA_BROKERS);
  console.log(`relay end-to-end lag at 100 appends/s for 10 s (append → consumed from Kafka): p50 ${lag.p50.toFixed(1)} ms, p99 ${lag.p99.toFixed(1)} ms over ${lag.count} events`);
  console.log(`ratio vs emmett: ${(results.get('lianjian:16:1')! / results.get('emmett:16:1')!).toFixed(2)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
