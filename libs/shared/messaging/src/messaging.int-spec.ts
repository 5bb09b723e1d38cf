import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ExpectedVersion, MongoEventStore } from '@lianjian/event-store';
import {
  eventually,
  openTestDatabase,
  requireEnv,
  sleep,
  testKafka,
  uniqueName,
  type TestDatabase,
} from '@lianjian/testing';
import { EventConsumer, type IntegrationEnvelope, OutboxRelay, StreamProjection } from './index';

const root = path.resolve(__dirname, '../../../..');
const infra = path.join(root, 'tools/infra/infra.sh');

/**
 * Collects what a consumer received, what it had finished handling, and what its projection (next contiguous
 * version only) applied. Tests wait on `handled`: an event is in `received` as soon as it arrives, while its
 * projection write may still be under way.
 */
function recorder(database: TestDatabase) {
  const received: IntegrationEnvelope[] = [];
  const handled: IntegrationEnvelope[] = [];
  let applied = 0;
  const projection = database.db.collection<{ _id: string; version: number; types: string[] }>(uniqueName('proj'));
  const streams = new StreamProjection({
    db: database.db,
    name: uniqueName('proj'),
    load: (id) => projection.findOne({ _id: id }),
    versionOf: (doc) => doc?.version ?? 0,
    apply: async (e) => {
      await projection.updateOne(
        { _id: e.streamId },
        { $set: { version: e.streamVersion }, $push: { types: e.type } },
        { upsert: true },
      );
      applied += 1;
    },
  });
  return {
    received,
    /** Distinct events whose handling has finished. */
    handledEvents: () => new Set(handled.map((e) => e.eventId)).size,
    projection,
    applied: () => applied,
    /** Events in the projection, each stream's document holding every version once: the effectively-once result. */
    projected: async () => {
      const docs = await projection.find({}).toArray();
      return {
        events: docs.reduce((n, d) => n + d.types.length, 0),
        versions: Object.fromEntries(docs.map((d) => [d._id, d.version])),
      };
    },
    handle: async (e: IntegrationEnvelope) => {
      received.push(e);
      await streams.handle(e);
      handled.push(e);
    },
  };
}

/** Every stream arrived complete and in order: versions 1..n per stream key, whatever the duplicates. */
function expectPerStreamOrder(received: IntegrationEnvelope[], perStream: Map<string, number>): void {
  const byStream = new Map<string, number[]>();
  for (const e of received) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e.streamVersion]);
  for (const [stream, count] of perStream) {
    const versions = byStream.get(stream) ?? [];
    let high = 0;
    for (const v of versions) {
      // a redelivered batch may repeat versions, but never goes past one it skipped
      expect(v).toBeLessThanOrEqual(high + 1);
      high = Math.max(high, v);
    }
    expect(high).toBe(count);
  }
}

describe('outbox relay and consumer on real Kafka', () => {
  // Each test has its own database: a relay publishes every commit of its store.
  let database: TestDatabase;
  let store: MongoEventStore;
  const ctx = () => ({ commitId: randomUUID(), actor: 'tester', district: 'xuhui' });

  beforeEach(async () => {
    database = await openTestDatabase('messaging');
    store = new MongoEventStore({ db: database.db });
    await store.init();
  });
  afterEach(async () => database.close());

  it('publishes in global order with the stream id as key and the envelope as headers; projections absorb duplicates', async () => {
    const topic = uniqueName('t.orgs');
    const kafka = testKafka('relay-test');
    const relay = new OutboxRelay({
      service: uniqueName('svc'),
      store,
      db: database.db,
      kafka,
      topicFor: () => topic,
      topics: [{ name: topic, partitions: 3 }],
    });
    const rec = recorder(database);
    const consumer = new EventConsumer({ kafka, groupId: uniqueName('g'), topics: [topic], handle: rec.handle });
    const stream = `organization-${randomUUID()}`;
    await store.append(
      stream,
      ExpectedVersion.noStream,
      [
        { type: 'OrganizationEstablished', data: { name: '一支部' } },
        { type: 'OrganizationRenamed', data: { name: '二支部' } },
      ],
      { ...ctx(), correlationId: 'c-9' },
    );
    relay.start();
    await consumer.start();
    try {
      await eventually(() => expect(rec.handledEvents()).toBe(2));
      expect(rec.received[0]).toMatchObject({
        type: 'OrganizationEstablished',
        streamVersion: 1,
        district: 'xuhui',
        correlationId: 'c-9',
        actor: 'tester',
      });
      // a replay of the same events changes nothing
      await rec.handle(rec.received[0]!);
      await rec.handle(rec.received[1]!);
      expect(rec.applied()).toBe(2);
      expect((await rec.projection.findOne({ _id: stream }))?.types).toEqual([
        'OrganizationEstablished',
        'OrganizationRenamed',
      ]);
      const status = await relay.status();
      expect(status).toMatchObject({ leader: true, lag: 0 });
      await eventually(async () => expect((await consumer.lag()).total).toBe(0));
    } finally {
      await consumer.stop();
      await relay.stop();
    }
  });

  it('a backlog larger than Kafka takes in one request goes out in several, in order (an import of thousands of members)', async () => {
    const topic = uniqueName('t.backlog');
    const kafka = testKafka('backlog-test');
    const stream = `member-${randomUUID()}`;
    const padding = 'x'.repeat(8_000); // 400 events of ~8 KB on one partition: ~3 MiB, the broker takes 1 MiB at most
    for (let i = 0; i < 400; i += 50)
      await store.append(
        stream,
        i === 0 ? ExpectedVersion.noStream : ExpectedVersion.exact(i),
        Array.from({ length: 50 }, (_, j) => ({ type: 'Tick', data: { n: i + j + 1, padding } })),
        ctx(),
      );
    const logger = {
      lines: [] as string[],
      warn: (line: string) => void logger.lines.push(line),
      error: () => undefined,
    };
    const relay = new OutboxRelay({
      service: uniqueName('svc'),
      store,
      db: database.db,
      kafka,
      topicFor: () => topic,
      topics: [{ name: topic, partitions: 3 }],
      batchSize: 1000,
      logger,
    });
    const rec = recorder(database);
    const consumer = new EventConsumer({ kafka, groupId: uniqueName('g'), topics: [topic], handle: rec.handle });
    relay.start();
    await consumer.start();
    try {
      await eventually(() => expect(rec.handledEvents()).toBe(400), 60_000);
      expect(rec.received.map((e) => e.streamVersion)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
      expect(logger.lines.filter((l) => l.includes('max message size'))).toEqual([]);
      expect(await relay.status()).toMatchObject({ lag: 0 });
    } finally {
      await consumer.stop();
      await relay.stop();
    }
  });

  it('a relay killed mid-stream is replaced: every event arrives, per-stream order holds, duplicates absorbed', async () => {
    const topic = uniqueName('t.crash');
    const service = uniqueName('svc');
    const spawnRelay = (): ChildProcess =>
      spawn(
        process.execPath,
        ['-r', path.join(root, 'tools/testing/register-ts.js'), path.join(root, 'tools/testing/relay-worker.ts')],
        {
          env: {
            ...process.env,
            RELAY_DB: database.db.databaseName,
            RELAY_TOPIC: topic,
            RELAY_SERVICE: service,
            RELAY_BATCH: '10',
            RELAY_LEASE_MS: '1500',
          },
          stdio: 'ignore',
        },
      );
    const rec = recorder(database);
    const consumer = new EventConsumer({
      kafka: testKafka('crash-test'),
      groupId: uniqueName('g'),
      topics: [topic],
      handle: rec.handle,
    });
    await consumer.start();
    const perStream = new Map<string, number>();
    const writing = (async () => {
      for (let i = 0; i < 300; i += 1) {
        const stream = `org-${i % 12}-${service}`;
        await store.append(stream, ExpectedVersion.any, [{ type: 'Tick', data: { i } }], ctx());
        perStream.set(stream, (perStream.get(stream) ?? 0) + 1);
        if (i % 25 === 0) await sleep(20);
      }
    })();
    let relay = spawnRelay();
    try {
      await eventually(() => expect(rec.received.length).toBeGreaterThan(40));
      relay.kill('SIGKILL');
      const countAtKill = rec.received.length;
      relay = spawnRelay();
      await writing;
      await eventually(() => expect(rec.handledEvents()).toBe(300), 60_000);
      expect(countAtKill).toBeLessThan(300);
      expectPerStreamOrder(rec.received, perStream);
      const projected = await rec.projected();
      expect(projected.events).toBe(300);
      expect(projected.versions).toEqual(Object.fromEntries(perStream));
    } finally {
      relay.kill('SIGKILL');
      await consumer.stop();
    }
  });

  it('while Kafka is down commands still append; the backlog drains in order when it is back', async () => {
    const infraDir = mkdtempSync(path.join(tmpdir(), 'lj-kafka-'));
    const env = { ...process.env, LIANJIAN_INFRA_DIR: infraDir };
    const up = () => {
      const out = execFileSync('bash', [infra, 'up', 'kafka'], {
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      return /KAFKA_BROKERS=(\S+)/.exec(out)![1]!;
    };
    const down = () => execFileSync('bash', [infra, 'down', 'kafka'], { env, stdio: 'ignore' });
    const brokers = up();
    const kafka = new Kafka({
      clientId: 'outage-test',
      brokers: [brokers],
      logLevel: logLevel.NOTHING,
      retry: { retries: 3, initialRetryTime: 100 },
    });
    const topic = uniqueName('t.outage');
    const relay = new OutboxRelay({
      service: uniqueName('svc'),
      store,
      db: database.db,
      kafka,
      topicFor: () => topic,
      topics: [{ name: topic, partitions: 3 }],
      logger: { warn: () => undefined, error: () => undefined },
    });
    const rec = recorder(database);
    const consumer = new EventConsumer({
      kafka,
      groupId: uniqueName('g'),
      topics: [topic],
      handle: rec.handle,
      logger: { warn: () => undefined, error: () => undefined },
    });
    const perStream = new Map<string, number>();
    const write = async (n: number) => {
      for (let i = 0; i < n; i += 1) {
        const stream = `org-${i % 5}-${topic}`;
        await store.append(stream, ExpectedVersion.any, [{ type: 'Tick', data: { i } }], ctx());
        perStream.set(stream, (perStream.get(stream) ?? 0) + 1);
      }
    };
    try {
      relay.start();
      await consumer.start();
      await write(20);
      await eventually(() => expect(rec.handledEvents()).toBe(20));
      await consumer.stop();
      down();
      await write(50); // the write side does not depend on Kafka
      await eventually(async () => expect((await relay.status()).lag).toBeGreaterThan(0));
      up();
      await consumer.start();
      await eventually(() => expect(rec.handledEvents()).toBe(70), 90_000);
      expectPerStreamOrder(rec.received, perStream);
      const projected = await rec.projected();
      expect(projected.events).toBe(70);
      expect(projected.versions).toEqual(Object.fromEntries(perStream));
      await eventually(async () => expect((await relay.status()).lag).toBe(0));
    } finally {
      await consumer.stop();
      await relay.stop();
      down();
      rmSync(infraDir, { recursive: true, force: true });
    }
  });

  it('only one relay per service publishes: the lease holder', async () => {
    const service = uniqueName('svc');
    const kafka = testKafka('lease-test');
    const topic = uniqueName('t.lease');
    const options = {
      service,
      store,
      db: database.db,
      kafka,
      topicFor: () => topic,
      topics: [{ name: topic, partitions: 1 }],
      leaseMs: 2000,
    };
    const a = new OutboxRelay(options);
    const b = new OutboxRelay(options);
    a.start();
    await eventually(async () => expect((await a.status()).leader).toBe(true));
    b.start();
    await sleep(600);
    expect((await b.status()).leader).toBe(false);
    await a.stop();
    await eventually(async () => expect((await b.status()).leader).toBe(true), 10_000);
    await b.stop();
    expect(requireEnv('KAFKA_BROKERS')).toBeTruthy();
  });
});
