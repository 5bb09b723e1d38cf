import { randomUUID } from 'node:crypto';
import {
  CommitIdReusedError,
  type EventStore,
  ExpectedVersion,
  InMemoryEventStore,
  InvalidAppendError,
  WrongExpectedVersionError,
  handleCommand,
  type AppendContext,
  type Decider,
} from './index';

// The behavioural cases of mongo-event-store.int-spec.ts, run against the in-memory store.
const ctx = (overrides: Partial<AppendContext> = {}): AppendContext => ({
  commitId: randomUUID(),
  actor: 'tester',
  district: 'huangpu',
  correlationId: 'corr-1',
  ...overrides,
});
const ev = (type: string, n = 0) => ({ type, data: { n } });

describe('InMemoryEventStore, with the semantics of MongoEventStore', () => {
  let store: InMemoryEventStore;
  beforeEach(() => {
    store = new InMemoryEventStore();
  });

  it('is an EventStore', () => {
    const port: EventStore = store;
    expect(typeof port.append).toBe('function');
  });

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
    expect(await store.streamVersion('never-written')).toBe(0);
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

  it('refuses an empty append, a missing commit id and a version that is not a whole number', async () => {
    await expect(store.append('s', ExpectedVersion.any, [], ctx())).rejects.toBeInstanceOf(InvalidAppendError);
    await expect(store.append('s', ExpectedVersion.any, [ev('A')], ctx({ commitId: '' }))).rejects.toBeInstanceOf(
      InvalidAppendError,
    );
    await expect(store.append('', ExpectedVersion.any, [ev('A')], ctx())).rejects.toBeInstanceOf(InvalidAppendError);
    await expect(store.append('s', ExpectedVersion.exact(-1), [ev('A')], ctx())).rejects.toBeInstanceOf(
      InvalidAppendError,
    );
    expect(await store.headPosition()).toBe(0);
  });

  it('gives one effect for the same commit id appended twice, and refuses the id for other events', async () => {
    const stream = `org-${randomUUID()}`;
    const context = ctx();
    const first = await store.append(stream, ExpectedVersion.noStream, [ev('A', 1)], context);
    const again = await store.append(stream, ExpectedVersion.noStream, [ev('A', 1)], context);
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await store.findCommit(stream, context.commitId)).toEqual({ ...first, duplicate: true });
    expect(await store.findCommit(stream, 'unknown')).toBeNull();
    const concurrent = await Promise.all([
      store.append(stream, ExpectedVersion.exact(1), [ev('B', 2)], { ...context, commitId: 'same' }),
      store.append(stream, ExpectedVersion.exact(1), [ev('B', 2)], { ...context, commitId: 'same' }),
    ]);
    expect(concurrent.map((r) => r.duplicate).sort()).toEqual([false, true]);
    await expect(store.append(stream, ExpectedVersion.any, [ev('Other')], context)).rejects.toBeInstanceOf(
      CommitIdReusedError,
    );
    expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B']);
    expect(await store.headPosition()).toBe(2);
  });

  it('reads every commit from a global position, gap-free and in order', async () => {
    const head = await store.headPosition();
    const streams = [randomUUID(), randomUUID()];
    for (let i = 0; i < 5; i += 1) await store.append(streams[i % 2]!, ExpectedVersion.any, [ev('E', i)], ctx());
    const commits = await store.readAllCommits(head, 100);
    expect(commits.map((c) => c.globalPosition)).toEqual([1, 2, 3, 4, 5].map((i) => head + i));
    const events = await store.readAll(head, 2);
    expect(events.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }]);
    expect(await store.readAllCommits(head + 5, 100)).toEqual([]);
  });

  it('keeps positions gap-free when appends conflict or race', async () => {
    const stream = `race-${randomUUID()}`;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => store.append(stream, ExpectedVersion.exact(0), [ev(`w${i}`)], ctx())),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    outcomes
      .filter((o): o is PromiseRejectedResult => o.status === 'rejected')
      .forEach((o) => expect(o.reason).toBeInstanceOf(WrongExpectedVersionError));
    const appended = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.append(`gap-${i % 3}`, ExpectedVersion.any, [ev('G', i)], ctx())),
    );
    expect(appended.map((r) => r.globalPosition).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 2),
    );
    expect((await store.readAllCommits(0, 100)).map((c) => c.globalPosition)).toEqual(
      Array.from({ length: 21 }, (_, i) => i + 1),
    );
    expect(store.lastWrittenPosition).toBe(21);
  });

  it('keeps what was appended apart from the caller’s objects', async () => {
    const data = { n: 1 };
    await store.append('copy', ExpectedVersion.noStream, [{ type: 'A', data }], ctx());
    data.n = 2;
    const [read] = await store.readStream('copy');
    (read!.data as { n: number }).n = 3;
    expect((await store.readStream('copy'))[0]!.data).toEqual({ n: 1 });
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
    const retried = ctx();
    const first = await handleCommand(store, stream, decider, { add: 5 }, retried);
    const replay = await handleCommand(store, stream, decider, { add: 5 }, retried);
    expect(replay).toMatchObject({ version: first.version, events: [], result: { duplicate: true } });
    expect(replay.state.total).toBe(15);
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
    const upcasting = new InMemoryEventStore({
      upcasters: {
        Renamed: {
          1: (d) => ({ name: d['title'] }),
          2: (d) => ({ ...d, nameEn: null }),
        },
      },
    });
    const stream = `org-${randomUUID()}`;
    await upcasting.append(
      stream,
      ExpectedVersion.noStream,
      [{ type: 'Renamed', schemaVersion: 1, data: { title: '新名' } }],
      ctx(),
    );
    const [event] = await upcasting.readStream(stream);
    expect(event).toMatchObject({ schemaVersion: 3, data: { name: '新名', nameEn: null } });
  });

  it('writes a new event in its type’s current version (one past its last upcaster), read back unchanged', async () => {
    const upcasting = new InMemoryEventStore({
      upcasters: { Renamed: { 1: () => ({ never: 'called' }), 2: () => ({ never: 'called' }) } },
    });
    const stream = `org-${randomUUID()}`;
    await upcasting.append(stream, ExpectedVersion.noStream, [{ type: 'Renamed', data: { name: '新名' } }], ctx());
    await upcasting.append(stream, ExpectedVersion.exact(1), [{ type: 'Other', data: {} }], ctx());
    const events = await upcasting.readStream(stream);
    expect(events.map((e) => [e.type, e.schemaVersion, e.data])).toEqual([
      ['Renamed', 3, { name: '新名' }],
      ['Other', 1, {}],
    ]);
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
    expect((await store.readAllCommits(0, 10)).filter((c) => c.streamId === stream)).toHaveLength(2);
  });

  it('reads long streams and commits larger than a window, from any version, both ways', async () => {
    const stream = `long-${randomUUID()}`;
    for (let i = 1; i <= 70; i += 1) await store.append(stream, ExpectedVersion.exact(i - 1), [ev('S', i)], ctx());
    await store.append(
      stream,
      ExpectedVersion.exact(70),
      Array.from({ length: 40 }, (_, i) => ev('Big', 71 + i)),
      ctx(),
    );
    for (let i = 111; i <= 115; i += 1) await store.append(stream, ExpectedVersion.exact(i - 1), [ev('S', i)], ctx());
    const all = await store.readStream(stream);
    expect(all.map((e) => e.data)).toEqual(Array.from({ length: 115 }, (_, i) => ({ n: i + 1 })));
    const insideBig = await store.readStream(stream, { fromVersion: 100 });
    expect(insideBig.map((e) => e.streamVersion)).toEqual(Array.from({ length: 16 }, (_, i) => 100 + i));
    const backward = await store.readStream(stream, { direction: 'backward', fromVersion: 72, maxCount: 3 });
    expect(backward.map((e) => e.streamVersion)).toEqual([72, 71, 70]);
    await expect(store.append(stream, ExpectedVersion.exact(110), [ev('Late')], ctx())).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    expect(await store.append(stream, ExpectedVersion.exact(115), [ev('Next')], ctx())).toMatchObject({
      nextExpectedVersion: 116,
    });
  });
});
