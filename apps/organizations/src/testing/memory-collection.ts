import { type Db } from 'mongodb';

type Doc = Record<string, unknown> & { _id: string };

/**
 * The few MongoDB collection operations the projections use, by `_id`, kept in a map: `findOne`, `find` by a list of
 * ids, `insertOne` (a duplicate `_id` is error 11000, as on the database), `updateOne` with `$set`, `replaceOne`
 * (with upsert) and `deleteOne`. For unit tests; the integration suites prove the real collections.
 */
export function memoryCollection() {
  const docs = new Map<string, Doc>();
  const get = (filter: { _id: string }) => docs.get(filter._id) ?? null;
  return {
    docs,
    findOne: (filter: { _id: string }) => Promise.resolve(get(filter) && structuredClone(get(filter))),
    find: (filter: { _id: { $in: string[] } }) => ({
      toArray: () =>
        Promise.resolve(filter._id.$in.flatMap((id) => (docs.has(id) ? [structuredClone(docs.get(id)!)] : []))),
    }),
    insertOne: (doc: Doc) => {
      if (docs.has(doc._id))
        return Promise.reject(Object.assign(new Error(`E11000 duplicate key ${doc._id}`), { code: 11000 }));
      docs.set(doc._id, structuredClone(doc));
      return Promise.resolve({ acknowledged: true });
    },
    updateOne: (filter: { _id: string }, update: { $set: Record<string, unknown> }) => {
      const doc = get(filter);
      if (doc) docs.set(filter._id, { ...doc, ...structuredClone(update.$set) });
      return Promise.resolve({ matchedCount: doc ? 1 : 0 });
    },
    replaceOne: (filter: { _id: string }, replacement: Record<string, unknown>, options: { upsert?: boolean } = {}) => {
      if (docs.has(filter._id) || options.upsert)
        docs.set(filter._id, { ...structuredClone(replacement), _id: filter._id });
      return Promise.resolve({ acknowledged: true });
    },
    deleteOne: (filter: { _id: string }) => Promise.resolve({ deletedCount: docs.delete(filter._id) ? 1 : 0 }),
  };
}

/** A database of memory collections, created on first use, by name. */
export function memoryDb() {
  const collections = new Map<string, ReturnType<typeof memoryCollection>>();
  const collection = (name: string) => collections.get(name) ?? collections.set(name, memoryCollection()).get(name)!;
  return { db: { collection } as unknown as Db, collection };
}
