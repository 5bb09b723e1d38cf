import { openTestDatabase, type TestDatabase, uniqueName } from '@lianjian/testing';
import { type IntegrationEnvelope, StreamBatchProjection, type StreamChange, StreamProjection } from './index';

const envelope = (streamId: string, streamVersion: number): IntegrationEnvelope => ({
  eventId: `${streamId}@${streamVersion}`,
  type: 'Tick',
  schemaVersion: 1,
  source: 'test',
  streamId,
  streamVersion,
  globalPosition: streamVersion,
  indexInCommit: 0,
  occurredAt: new Date(0).toISOString(),
  actor: 'tester',
  district: null,
  correlationId: null,
  causationId: null,
  data: {},
});

describe('StreamProjection on a real database', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase('projection');
  });
  afterEach(async () => database.close());

  function projectionOf() {
    const name = uniqueName('proj');
    const docs = database.db.collection<{ _id: string; versions: number[] }>(name);
    const projection = new StreamProjection({
      db: database.db,
      name,
      load: (id) => docs.findOne({ _id: id }),
      versionOf: (doc) => doc?.versions.at(-1) ?? 0,
      apply: async (e) => {
        await docs.updateOne({ _id: e.streamId }, { $push: { versions: e.streamVersion } }, { upsert: true });
      },
      logger: { warn: () => undefined },
    });
    return { projection, docs, parked: database.db.collection(`parked_${name}`) };
  }

  it('parks events after a gap, then applies them in order once the missing one arrives, and forgets them', async () => {
    const { projection, docs, parked } = projectionOf();
    for (const version of [1, 3, 5, 4]) await projection.handle(envelope('s', version));
    expect((await docs.findOne({ _id: 's' }))?.versions).toEqual([1]);
    expect(await parked.countDocuments({})).toBe(3);
    await projection.handle(envelope('s', 2));
    expect((await docs.findOne({ _id: 's' }))?.versions).toEqual([1, 2, 3, 4, 5]);
    expect(await parked.countDocuments({})).toBe(0);
  });

  it('skips what it has seen, and a gap in one stream does not hold another', async () => {
    const { projection, docs } = projectionOf();
    for (const [stream, version] of [
      ['a', 1],
      ['a', 1],
      ['b', 2],
      ['a', 2],
      ['b', 1],
      ['a', 2],
    ] as const)
      await projection.handle(envelope(stream, version));
    expect((await docs.findOne({ _id: 'a' }))?.versions).toEqual([1, 2]);
    expect((await docs.findOne({ _id: 'b' }))?.versions).toEqual([1, 2]);
    expect(projection.parkedCount).toBe(1);
  });
});

describe('StreamBatchProjection on a real database', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase('batch-projection');
  });
  afterEach(async () => database.close());

  type Doc = { _id: string; versions: number[] };
  function projectionOf() {
    const name = uniqueName('batch');
    const docs = database.db.collection<Doc>(name);
    const saved: Array<ReadonlyArray<StreamChange<Doc>>> = [];
    const projection = new StreamBatchProjection<Doc>({
      db: database.db,
      name,
      loadMany: async (ids) => new Map((await docs.find({ _id: { $in: [...ids] } }).toArray()).map((d) => [d._id, d])),
      versionOf: (doc) => doc?.versions.at(-1) ?? 0,
      evolve: (e, doc) => ({ _id: e.streamId, versions: [...(doc?.versions ?? []), e.streamVersion] }),
      save: async (changes) => {
        saved.push(changes);
        await docs.bulkWrite(
          changes.map((c) => ({ replaceOne: { filter: { _id: c.streamId }, replacement: c.after, upsert: true } })),
        );
      },
      logger: { warn: () => undefined },
    });
    const versions = async (id: string) => (await docs.findOne({ _id: id }))?.versions;
    return { projection, versions, saved, parked: database.db.collection(`parked_${name}`) };
  }

  it('parks events after a gap across batches, then applies them in order once the missing one arrives', async () => {
    const { projection, versions, parked } = projectionOf();
    await projection.handleBatch([1, 3, 5, 4].map((v) => envelope('s', v)));
    expect(await versions('s')).toEqual([1]);
    expect(await parked.countDocuments({})).toBe(3);
    await projection.handleBatch([envelope('s', 2)]);
    expect(await versions('s')).toEqual([1, 2, 3, 4, 5]);
    expect(await parked.countDocuments({})).toBe(0);
  });

  it('orders a stream inside one batch, skips what it has seen, and saves each stream once with its net change', async () => {
    const { projection, versions, saved, parked } = projectionOf();
    await projection.handleBatch([envelope('a', 1)]);
    await projection.handleBatch(
      (
        [
          ['a', 3],
          ['b', 2],
          ['a', 1],
          ['a', 2],
          ['b', 1],
          ['c', 2],
        ] as const
      ).map(([stream, version]) => envelope(stream, version)),
    );
    expect(await versions('a')).toEqual([1, 2, 3]);
    expect(await versions('b')).toEqual([1, 2]);
    expect(await versions('c')).toBeUndefined(); // waits for c@1
    expect(projection.parkedCount).toBe(1);
    expect(await parked.countDocuments({})).toBe(1);
    expect(saved[1]).toEqual([
      { streamId: 'a', before: { _id: 'a', versions: [1] }, after: { _id: 'a', versions: [1, 2, 3] } },
      { streamId: 'b', before: null, after: { _id: 'b', versions: [1, 2] } },
    ]);
    // the same batch again: nothing new to save, nothing parked twice
    await projection.handleBatch([envelope('a', 3), envelope('b', 2)]);
    expect(saved).toHaveLength(2);
    await projection.handleBatch([envelope('c', 1)]);
    expect(await versions('c')).toEqual([1, 2]);
    expect(await parked.countDocuments({})).toBe(0);
  });
});
