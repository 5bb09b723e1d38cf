import { type Collection, type Db, MongoBulkWriteError, MongoClient, MongoServerError } from 'mongodb';
import { openTestDatabase, requireEnv, type TestDatabase } from './servers';

// Database conformance: what the platform relies on from a MongoDB-compatible database (ADR 0004, 0013), checked
// against the server at MONGODB_URI. Any backend must pass this before the platform runs on it: single-document
// atomicity under concurrent writers from separate clients (no lost update), compare-and-set, unique single-field
// and compound indexes under races, ordered insertMany, exact-key lookups, racing upserts and $max.
//
// Run it alone against any server (Jest's global setup then starts nothing):
//   MONGODB_URI=mongodb://127.0.0.1:PORT/ KAFKA_BROKERS=unused:9092 \
//     npx jest -c jest.config.js --selectProjects integration --testPathPatterns database-conformance
// Results by backend: docs/adr/0013-embedded-database-mongo-java-server.md.

const CLIENTS = 8;

/** Separate MongoClients (separate connection pools), as separate service instances would be. */
async function openClients(database: TestDatabase, count = CLIENTS): Promise<{ dbs: Db[]; close(): Promise<void> }> {
  const clients = await Promise.all(
    Array.from({ length: count }, async () => {
      const client = new MongoClient(requireEnv('MONGODB_URI'), { maxPoolSize: 4 });
      await client.connect();
      return client;
    }),
  );
  return {
    dbs: clients.map((c) => c.db(database.db.databaseName)),
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
    },
  };
}

/** The error code of a write, or 'ok' when it succeeded. */
async function outcome(write: () => Promise<unknown>): Promise<number | 'ok'> {
  try {
    await write();
    return 'ok';
  } catch (error) {
    if (error instanceof MongoServerError && typeof error.code === 'number') return error.code;
    throw error;
  }
}

const tally = (values: (number | string)[]): Record<string, number> =>
  values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [String(v)]: (acc[String(v)] ?? 0) + 1 }), {});

describe('database conformance (MONGODB_URI)', () => {
  let database: TestDatabase;
  let clients: { dbs: Db[]; close(): Promise<void> };

  beforeAll(async () => {
    database = await openTestDatabase('conformance');
    clients = await openClients(database);
  });
  afterAll(async () => {
    await clients?.close();
    await database?.close();
  });

  const collections = <T extends object>(name: string): Collection<T>[] =>
    clients.dbs.map((db) => db.collection<T>(name));

  it(`$inc on one document from ${CLIENTS} clients x 100 concurrently loses no update`, async () => {
    const [first, ...others] = collections<{ _id: string; n: number }>('inc');
    await first!.insertOne({ _id: 'counter', n: 0 });
    await Promise.all(
      [first!, ...others].map(async (c) => {
        // four writers per client, 25 increments each
        await Promise.all(
          Array.from({ length: 4 }, async () => {
            for (let i = 0; i < 25; i += 1) await c.updateOne({ _id: 'counter' }, { $inc: { n: 1 } });
          }),
        );
      }),
    );
    const counter = await first!.findOne({ _id: 'counter' });
    expect({ n: counter?.n }).toEqual({ n: CLIENTS * 100 });
  });

  it(`compare-and-set on a version field raced by ${CLIENTS} clients over 64 versions has exactly one winner per version`, async () => {
    const all = collections<{ _id: string; version: number; wins: number }>('cas');
    await all[0]!.insertOne({ _id: 'aggregate', version: 0, wins: 0 });
    const winnersPerVersion: number[] = [];
    for (let v = 0; v < 64; v += 1) {
      const results = await Promise.all(
        all.map((c) => c.updateOne({ _id: 'aggregate', version: v }, { $set: { version: v + 1 }, $inc: { wins: 1 } })),
      );
      winnersPerVersion.push(results.filter((r) => r.modifiedCount === 1).length);
      // on a broken server a round can also end with no winner; the next round then finds no document at v + 1
      const current = await all[0]!.findOne({ _id: 'aggregate' });
      if (current?.version !== v + 1) break;
    }
    const final = await all[0]!.findOne({ _id: 'aggregate' });
    expect({ winnersPerVersion: tally(winnersPerVersion), version: final?.version, wins: final?.wins }).toEqual({
      winnersPerVersion: { 1: 64 },
      version: 64,
      wins: 64,
    });
  });

  it(`a unique single-field index admits exactly one of ${CLIENTS} concurrent inserts of a key; the others get E11000`, async () => {
    const all = collections<{ key: string; client: number }>('unique_single');
    await all[0]!.createIndex({ key: 1 }, { unique: true, name: 'key_unique' });
    const keys = Array.from({ length: 20 }, (_, i) => `key-${i}`);
    const outcomes = await Promise.all(
      keys.flatMap((key) => all.map((c, client) => outcome(() => c.insertOne({ key, client })))),
    );
    const stored = await all[0]!.find({}, { projection: { _id: 0, key: 1 } }).toArray();
    expect({
      outcomes: tally(outcomes),
      documentsPerKey: tally(Object.values(tally(stored.map((s) => s.key)))),
      keys: stored.length,
    }).toEqual({
      outcomes: { ok: keys.length, 11000: keys.length * (CLIENTS - 1) },
      documentsPerKey: { 1: keys.length },
      keys: keys.length,
    });
  });

  it(`a unique compound index admits exactly one of ${CLIENTS} concurrent inserts of a key pair; the others get E11000`, async () => {
    const all = collections<{ streamId: string; seq: number; client: number }>('unique_compound');
    await all[0]!.createIndex({ streamId: 1, seq: 1 }, { unique: true, name: 'stream_seq_unique' });
    // same streamId with different seq, and same seq with different streamId, are distinct keys
    const pairs = Array.from({ length: 20 }, (_, i) => ({ streamId: `s-${i % 4}`, seq: Math.floor(i / 4) }));
    const outcomes = await Promise.all(
      pairs.flatMap((pair) => all.map((c, client) => outcome(() => c.insertOne({ ...pair, client })))),
    );
    const stored = await all[0]!.find({}, { projection: { _id: 0, streamId: 1, seq: 1 } }).toArray();
    expect({
      outcomes: tally(outcomes),
      documentsPerPair: tally(Object.values(tally(stored.map((s) => `${s.streamId}/${s.seq}`)))),
      pairs: stored.length,
    }).toEqual({
      outcomes: { ok: pairs.length, 11000: pairs.length * (CLIENTS - 1) },
      documentsPerPair: { 1: pairs.length },
      pairs: pairs.length,
    });
  });

  it('an ordered insertMany stops at the first error: what came before is written, nothing after it', async () => {
    const c = database.db.collection<{ _id: string; code: string }>('ordered');
    await c.createIndex({ code: 1 }, { unique: true, name: 'code_unique' });
    await c.insertOne({ _id: 'existing', code: 'taken' });
    const batch = [
      { _id: 'a', code: 'a' },
      { _id: 'b', code: 'b' },
      { _id: 'c', code: 'taken' }, // violates the unique index on code
      { _id: 'd', code: 'd' },
      { _id: 'a', code: 'e' }, // would violate _id, never reached
      { _id: 'f', code: 'f' },
    ];
    let error: unknown;
    try {
      await c.insertMany(batch, { ordered: true });
    } catch (e) {
      error = e;
    }
    const failedAt =
      error instanceof MongoBulkWriteError
        ? (Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors]).map(
            (w: { index: number; code: number }) => [w.index, w.code],
          )
        : String(error);
    const ids = (
      await c
        .find({}, { projection: { _id: 1 } })
        .sort({ _id: 1 })
        .toArray()
    ).map((d) => d._id);
    expect({ failedAt, ids }).toEqual({ failedAt: [[2, 11000]], ids: ['a', 'b', 'existing'] });
  });

  it('find({_id: {$in: [...]}}) returns exactly the documents with those ids', async () => {
    const c = database.db.collection<{ _id: string | number; i: number }>('in_ids');
    await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: i % 3 === 0 ? i : `id-${i}`, i })));
    const wanted = [0, 3, 'id-1', 'id-2', 'id-299', 297, 'id-3', 1, 'missing', 300, 'id-151', 150];
    const found = await c.find({ _id: { $in: wanted } }).toArray();
    // 'id-3' and 1 have the other type (3 is a number, 'id-1' a string): no match; 'missing' and 300 do not exist
    const expected = [0, 3, 'id-1', 'id-2', 'id-299', 297, 'id-151', 150];
    expect(found.map((d) => d._id).sort()).toEqual([...expected].sort());
    expect(found.every((d) => d.i === (typeof d._id === 'number' ? d._id : Number(d._id.slice(3))))).toBe(true);
  });

  it(`upserts racing on one key (${CLIENTS} clients x 4) create one document and count every increment`, async () => {
    const all = collections<{ _id: string; n: number }>('upsert');
    const keys = Array.from({ length: 10 }, (_, i) => `k-${i}`);
    const upsert = async (c: Collection<{ _id: string; n: number }>, key: string) => {
      // MongoDB itself may answer a racing upsert with E11000 on the unique _id index; its documentation advises
      // retrying, which then finds the document and updates it.
      for (let attempt = 0; ; attempt += 1) {
        const result = await outcome(() => c.updateOne({ _id: key }, { $inc: { n: 1 } }, { upsert: true }));
        if (result === 'ok') return;
        if (result !== 11000 || attempt >= 5) throw new Error(`upsert failed with code ${result}`);
      }
    };
    await Promise.all(keys.flatMap((key) => all.flatMap((c) => Array.from({ length: 4 }, () => upsert(c, key)))));
    const docs = await all[0]!.find({}).sort({ _id: 1 }).toArray();
    expect(docs).toEqual(keys.sort().map((k) => ({ _id: k, n: CLIENTS * 4 })));
  });

  it(`$max raced by ${CLIENTS} clients keeps the highest value (and the $inc beside it counts every update)`, async () => {
    const all = collections<{ _id: number; hi: number; ops: number }>('max');
    const docs = 16;
    const valuesPerClient = 25;
    await all[0]!.insertMany(Array.from({ length: docs }, (_, i) => ({ _id: i, hi: 0, ops: 0 })));
    // for each document, the values 1..CLIENTS*valuesPerClient dealt out round-robin, every client sending its own in
    // a scrambled order; the highest must survive whatever the interleaving
    await Promise.all(
      all.map(async (c, client) => {
        const values = Array.from({ length: valuesPerClient }, (_, j) => j * CLIENTS + client + 1);
        values.sort((a, b) => ((a * 7919) % 101) - ((b * 7919) % 101));
        for (const v of values) {
          await Promise.all(
            Array.from({ length: docs }, (_, d) => c.updateOne({ _id: d }, { $max: { hi: v }, $inc: { ops: 1 } })),
          );
        }
      }),
    );
    const final = await all[0]!.find({}).sort({ _id: 1 }).toArray();
    const top = CLIENTS * valuesPerClient;
    expect({ hi: tally(final.map((d) => d.hi)), ops: tally(final.map((d) => d.ops)) }).toEqual({
      hi: { [top]: docs },
      ops: { [top]: docs },
    });
  });
});
