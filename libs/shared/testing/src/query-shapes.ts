import { existsSync, readFileSync } from 'node:fs';
import { type Db, MongoClient } from 'mongodb';
import { ServiceProcess } from './process';
import { requireEnv } from './servers';

interface RecordedShape {
  readonly collection: string;
  readonly command: string;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * A read that a unique index does not serve, allowed on purpose, with the reason (for the ADR and the reader).
 * `fields: ['*']` allows every filter on the collection: a list whose filters combine (side, state, dates, cursor),
 * each served by an index the reason names.
 */
export interface AllowedShape {
  readonly collection: string;
  readonly fields: readonly string[];
  readonly reason: string;
}

/**
 * The shapes a service sent (recorded through `LIANJIAN_QUERY_LOG`) that no unique index of the collection serves
 * as an exact-key lookup: the filter's fields must be exactly an index's keys, each matched by equality, or by
 * `$in` on a single-field index — the shape MongoDB and the embedded database both serve from the index.
 */
export async function unservedQueries(
  logFile: string,
  db: Db,
  allowed: readonly AllowedShape[] = [],
): Promise<string[]> {
  if (!existsSync(logFile)) return [];
  const shapes = readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as RecordedShape);
  const indexes = new Map<string, Array<{ keys: string[]; unique: boolean }>>();
  const unserved = new Set<string>();
  for (const shape of shapes) {
    if (!indexes.has(shape.collection)) {
      // a collection not created yet still has its `_id` index the moment it is
      type IndexInfo = { name?: string; key?: object; unique?: boolean };
      const listed = (await db
        .collection(shape.collection)
        .listIndexes()
        .toArray()
        .catch(() => [])) as IndexInfo[];
      const list: IndexInfo[] = listed.length ? listed : [{ name: '_id_', key: { _id: 1 } }];
      indexes.set(
        shape.collection,
        list.map((i) => ({ keys: Object.keys(i.key ?? {}), unique: i.name === '_id_' || i.unique === true })),
      );
    }
    const fields = Object.keys(shape.fields).sort();
    const served = (indexes.get(shape.collection) ?? []).some(
      (index) =>
        index.unique &&
        index.keys.length === fields.length &&
        [...index.keys].sort().every((k, i) => k === fields[i]) &&
        fields.every((f) => shape.fields[f] === 'eq' || (shape.fields[f] === '$in' && index.keys.length === 1)),
    );
    const permitted = allowed.some(
      (a) =>
        a.collection === shape.collection && (a.fields.join() === '*' || [...a.fields].sort().join() === fields.join()),
    );
    if (!served && !permitted && fields.length > 0)
      unserved.add(`${shape.collection} ${shape.command} ${JSON.stringify(shape.fields)}`);
  }
  return [...unserved].sort();
}

/** What every service process this test file started on `database` sent that no unique index serves (see above). */
export async function unservedQueriesOn(database: string, allowed: readonly AllowedShape[] = []): Promise<string[]> {
  const client = await new MongoClient(requireEnv('MONGODB_URI')).connect();
  try {
    const unserved = new Set<string>();
    for (const log of ServiceProcess.queryLogs.filter((l) => l.database === database)) {
      for (const shape of await unservedQueries(log.file, client.db(database), allowed)) unserved.add(shape);
    }
    return [...unserved].sort();
  } finally {
    await client.close();
  }
}
