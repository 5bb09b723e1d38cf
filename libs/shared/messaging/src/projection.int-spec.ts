import { openTestDatabase, type TestDatabase, uniqueName } from '@lianjian/testing';
import { type IntegrationEnvelope, StreamProjection } from './index';

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
