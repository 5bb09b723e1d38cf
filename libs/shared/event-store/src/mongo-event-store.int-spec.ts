import { randomUUID } from 'node:crypto';
import { openTestDatabase, sleep, type TestDatabase } from '@lianjian/testing';
import {
  CommitIdReusedError,
  ExpectedVersion,
  MongoEventStore,
  WrongExpectedVersionError,
  handleCommand,
  type AppendContext,
  type Decider,
} from './index';

const ctx = (overrides: Partial<AppendContext> = {}): AppendContext => ({
  commitId: randomUUID(),
  actor: 'tester',
  district: 'huangpu',
  correlationId: 'corr-1',
  ...overrides,
});
const ev = (type: string, n = 0) => ({ type, data: { n } });

describe('MongoEventStore on a real MongoDB-compatible database', () => {
  let database: TestDatabase;
  let store: MongoEventStore;

  beforeAll(async () => {
    database = await openTestDatabase('eventstore');
    store = new MongoEventStore({ db: database.db });
    await store.init();
  });
  afterAll(async () => database.close());

  it('appends several events atomically as one commit and reads them forward and backward', async () => {
    const stream = `org-${randomUUID()}`;
    const result = await store.append(stream, ExpectedVersion.noStream, [ev('A', 1), ev('B', 2), ev('C', 3)], ctx());
    expect(result).toMatchObject({ streamId: stream, nextExpectedVersion: 3, duplicate: false });
    await store.append(stream, ExpectedVersion.exact(3), [ev('D', 4)], ctx());

    const forward = await store.readStream(stream);
    expect(forward.map((e) => [e.type, e.streamVersion])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 3],
      ['D', 4],
    ]);
    expect(forward[0]).toMatchObject({
      actor: 'tester',
      district: 'huangpu',
      correlationId: 'corr-1',
      schemaVersion: 1,
    });
    expect(new Set(forward.slice(0, 3).map((e) => e.globalPosition)).size).toBe(1);

    const backward = await store.readStream(stream, { direction: 'backward', maxCount: 3 });
    expect(backward.map((e) => e.streamVersion)).toEqual([4, 3, 2]);
    const fromTwo = await store.readStream(stream, { fromVersion: 2, maxCount: 2 });
    expect(fromTwo.map((e) => e.streamVersion)).toEqual([2, 3]);
    expect(await store.streamVersion(stream)).toBe(4);
  });

  it('enforces each kind of expected version with a typed conflict error', async () => {
    const stream = `org-${randomUUID()}`;
    await expect(store.append(stream, ExpectedVersion.exists, [ev('A')], ctx())).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    await store.append(stream, ExpectedVersion.noStream, [ev('A'), ev('B')], ctx());
    await expect(store.append(stream, ExpectedVersion.noStream, [ev('X')], ctx())).rejects.toMatchObject({
      code: 'WRONG_EXPECTED_VERSION',
      actualVersion: 2,
    });
    // version 1 lies inside the first commit: must be refused, never written over
    await expect(store.append(stream, ExpectedVersion.exact(1), [ev('X')], ctx())).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    await expect(store.append(stream, ExpectedVersion.exact(5), [ev('X')], ctx())).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    await store.append(stream, ExpectedVersion.exists, [ev('C')], ctx());
    await store.append(stream, ExpectedVersion.any, [ev('D')], ctx());
    expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('gives one effect for the same commit id appended twice, and refuses the id for other events', async () => {
    const stream = `org-${randomUUID()}`;
    const context = ctx();
    const first = await store.append(stream, ExpectedVersion.noStream, [ev('A', 1)], context);
    const again = await store.append(stream, ExpectedVersion.noStream, [ev('A', 1)], context);
    expect(again).toEqual({ ...first, duplicate: true });
    const concurrent = await Promise.all([
      store.append(stream, ExpectedVersion.exact(1), [ev('B', 2)], { ...context, commitId: 'same' }),
      store.append(stream, ExpectedVersion.exact(1), [ev('B', 2)], { ...context, commitId: 'same' }),
    ]);
    expect(concurrent.map((r) => r.duplicate).sort()).toEqual([false, true]);
    await expect(store.append(stream, ExpectedVersion.any, [ev('Other')], context)).rejects.toBeInstanceOf(
      CommitIdReusedError,
    );
    expect(await database.db.collection('es_commits').countDocuments({ streamId: stream })).toBe(2);
  });

  it('reads every commit from a global position, gap-free and in order', async () => {
    const head = await store.headPosition();
    const streams = [randomUUID(), randomUUID()];
    for (let i = 0; i < 5; i += 1) await store.append(streams[i % 2]!, ExpectedVersion.any, [ev('E', i)], ctx());
    const commits = await store.readAllCommits(head, 100);
    expect(commits.map((c) => c.globalPosition)).toEqual([1, 2, 3, 4, 5].map((i) => head + i));
    const events = await store.readAll(head, 2);
    expect(events.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }]);
  });

  it('saves snapshots and never replaces a newer one with an older one', async () => {
    const stream = `snap-${randomUUID()}`;
    await store.saveSnapshot({ streamId: stream, version: 5, schemaVersion: 1, state: { total: 5 } });
    await store.saveSnapshot({ streamId: stream, version: 3, schemaVersion: 1, state: { total: 3 } });
    expect(await store.loadSnapshot(stream, 1)).toMatchObject({ version: 5, state: { total: 5 } });
    expect(await store.loadSnapshot(stream, 2)).toBeNull();
  });

  it('rebuilds state from a snapshot plus later events through handleCommand', async () => {
    interface Counter {
      total: number;
    }
    const decider: Decider<Counter, { add: number }, { type: 'Added'; data: { by: number } }> = {
      initialState: () => ({ total: 0 }),
      evolve: (s, e) => ({ total: s.total + e.data.by }),
      decide: (c) => [{ type: 'Added', data: { by: c.add } }],
    };
    const stream = `counter-${randomUUID()}`;
    const snapshots = { schemaVersion: 1, every: 2 };
    for (const add of [1, 2, 3]) await handleCommand(store, stream, decider, { add }, ctx(), { snapshots });
    const last = await handleCommand(store, stream, decider, { add: 4 }, ctx(), { snapshots });
    expect(last.state.total).toBe(10);
    expect((await store.loadSnapshot<Counter>(stream, 1))?.state.total).toBeGreaterThan(0);
    await expect(
      handleCommand(store, stream, decider, { add: 1 }, ctx(), { expectedVersion: 2 }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
  });

  it('handleCommand decides again when another writer got there first: every concurrent command lands once', async () => {
    const decider: Decider<{ total: number }, { add: number }, { type: 'Added'; data: { by: number } }> = {
      initialState: () => ({ total: 0 }),
      evolve: (s, e) => ({ total: s.total + e.data.by }),
      decide: (c) => [{ type: 'Added', data: { by: c.add } }],
    };
    const stream = `race-${randomUUID()}`;
    const handled = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((add) => handleCommand(store, stream, decider, { add }, ctx())),
    );
    expect(handled.map((h) => h.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Math.max(...handled.map((h) => h.state.total))).toBe(21);
    expect((await store.readStream(stream)).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('upcasts old event versions on read', async () => {
    const upcasting = new MongoEventStore({
      db: database.db,
      upcasters: {
        Renamed: {
          1: (d) => ({ name: d['title'] }),
          2: (d) => ({ ...d, nameEn: null }),
        },
      },
    });
    const stream = `org-${randomUUID()}`;
    await store.append(stream, ExpectedVersion.noStream, [{ type: 'Renamed', data: { title: '新名' } }], ctx());
    const [event] = await upcasting.readStream(stream);
    expect(event).toMatchObject({ schemaVersion: 3, data: { name: '新名', nameEn: null } });
  });

  it('writes a new event in its type’s current version (one past its last upcaster), read back unchanged', async () => {
    const upcasting = new MongoEventStore({
      db: database.db,
      upcasters: { Renamed: { 1: () => ({ never: 'called' }), 2: () => ({ never: 'called' }) } },
    });
    const stream = `org-${randomUUID()}`;
    await upcasting.append(stream, ExpectedVersion.noStream, [{ type: 'Renamed', data: { name: '新名' } }], ctx());
    const [event] = await upcasting.readStream(stream);
    expect(event).toMatchObject({ schemaVersion: 3, data: { name: '新名' } });
  });

  it('soft-deletes and truncates through stream metadata, keeping the global order intact', async () => {
    const stream = `org-${randomUUID()}`;
    await store.append(stream, ExpectedVersion.noStream, [ev('A'), ev('B'), ev('C')], ctx());
    await store.truncateStream(stream, 3);
    expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['C']);
    await store.softDeleteStream(stream);
    expect(await store.readStream(stream)).toEqual([]);
    await store.append(stream, ExpectedVersion.exact(3), [ev('D')], ctx());
    expect((await store.readStream(stream)).map((e) => [e.type, e.streamVersion])).toEqual([['D', 4]]);
    expect(await database.db.collection('es_commits').countDocuments({ streamId: stream })).toBe(2);
  });

  it('race: many concurrent writers to one stream, exactly one wins each version', async () => {
    const stream = `race-${randomUUID()}`;
    const writers = Array.from({ length: 8 }, () => new MongoEventStore({ db: database.db }));
    const wins: string[] = [];
    for (let version = 0; version < 10; version += 1) {
      const outcomes = await Promise.allSettled(
        writers.map((w, i) => w.append(stream, ExpectedVersion.exact(version), [ev(`w${i}`, version)], ctx())),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      expect(won).toHaveLength(1);
      outcomes
        .filter((o): o is PromiseRejectedResult => o.status === 'rejected')
        .forEach((o) => expect(o.reason).toBeInstanceOf(WrongExpectedVersionError));
      wins.push((await store.readStream(stream, { fromVersion: version + 1 }))[0]!.type);
    }
    const events = await store.readStream(stream);
    expect(events.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(events.map((e) => e.type)).toEqual(wins);
  });

  it('gap test: concurrent appenders with random delays; a follower sees every commit once, in order', async () => {
    const start = await store.headPosition();
    const appenders = Array.from({ length: 4 }, () => new MongoEventStore({ db: database.db }));
    const perAppender = 25;
    let done = false;
    const seen: number[] = [];
    const follower = (async () => {
      let checkpoint = start;
      while (!done || checkpoint < start + appenders.length * perAppender) {
        const commits = await store.readAllCommits(checkpoint, 7);
        for (const c of commits) {
          seen.push(c.globalPosition);
          checkpoint = c.globalPosition;
        }
        if (commits.length === 0) await sleep(5);
      }
    })();
    await Promise.all(
      appenders.map(async (appender, a) => {
        for (let i = 0; i < perAppender; i += 1) {
          await sleep(Math.random() * 8);
          await appender.append(`gap-${a}-${i % 3}`, ExpectedVersion.any, [ev('G', i)], ctx());
        }
      }),
    );
    done = true;
    await follower;
    const expected = Array.from({ length: appenders.length * perAppender }, (_, i) => start + 1 + i);
    expect(seen).toEqual(expected);
  });
  it('reads long streams and commits larger than a lookup window by exact keys, from any version', async () => {
    const stream = `long-${randomUUID()}`;
    // 70 single-event commits, then one commit of 40 events, then 5 more: windows of keys are crossed both ways
    for (let i = 1; i <= 70; i += 1) await store.append(stream, ExpectedVersion.exact(i - 1), [ev('S', i)], ctx());
    await store.append(
      stream,
      ExpectedVersion.exact(70),
      Array.from({ length: 40 }, (_, i) => ev('Big', 71 + i)),
      ctx(),
    );
    for (let i = 111; i <= 115; i += 1) await store.append(stream, ExpectedVersion.exact(i - 1), [ev('S', i)], ctx());

    const all = await store.readStream(stream);
    expect(all.map((e) => e.streamVersion)).toEqual(Array.from({ length: 115 }, (_, i) => i + 1));
    expect(all.map((e) => e.data)).toEqual(Array.from({ length: 115 }, (_, i) => ({ n: i + 1 })));
    const insideBig = await store.readStream(stream, { fromVersion: 100 });
    expect(insideBig.map((e) => e.streamVersion)).toEqual(Array.from({ length: 16 }, (_, i) => 100 + i));
    const backward = await store.readStream(stream, { direction: 'backward', fromVersion: 72, maxCount: 3 });
    expect(backward.map((e) => e.streamVersion)).toEqual([72, 71, 70]);

    // another process, which has no cached tip, finds the end by walking the keys
    const other = new MongoEventStore({ db: database.db });
    expect(await other.streamVersion(stream)).toBe(115);
    await expect(other.append(stream, ExpectedVersion.exact(110), [ev('Late')], ctx())).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    expect(await other.append(stream, ExpectedVersion.exact(115), [ev('Next')], ctx())).toMatchObject({
      nextExpectedVersion: 116,
    });
    expect(await store.streamVersion(stream)).toBe(116);
  });

  it('finds the head by walking positions past its hint, and reads more positions than one probe', async () => {
    const before = await store.headPosition();
    const events = Array.from({ length: 150 }, (_, i) => ({ stream: `head-${i % 5}-${randomUUID()}`, i }));
    await Promise.all(events.map(({ stream, i }) => store.append(stream, ExpectedVersion.any, [ev('H', i)], ctx())));
    // a hint that lags (a writer that died between its insert and its hint) is only a lower bound
    await database.db.collection('es_head').updateOne({ _id: 'head' as never }, { $set: { position: before } });
    const fresh = new MongoEventStore({ db: database.db });
    expect(await fresh.headPosition()).toBe(before + 150);
    const commits = await fresh.readAllCommits(before, 1000);
    expect(commits.map((c) => c.globalPosition)).toEqual(Array.from({ length: 150 }, (_, i) => before + 1 + i));
    expect(await fresh.readAllCommits(before + 150, 1000)).toEqual([]);
    expect((await fresh.append('head-after', ExpectedVersion.any, [ev('H')], ctx())).globalPosition).toBe(before + 151);
  });
});
