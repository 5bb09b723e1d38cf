import { appendFileSync } from 'node:fs';
import { type CommandStartedEvent, type Document } from 'mongodb';

/** The shape of a filter a service sent: collection, and each top-level field with how it was matched. */
export interface QueryShape {
  readonly collection: string;
  readonly command: string;
  /** Field → `eq`, `$in`, another operator (`$lt`, …), or `expr` for `$or`/`$and`/`$expr` and the like. */
  readonly fields: Readonly<Record<string, string>>;
}

const doc = (value: unknown): Document => (value && typeof value === 'object' ? value : {});
const docs = (value: unknown): Document[] => (Array.isArray(value) ? (value as unknown[]).map(doc) : []);

const FILTER_OF: Readonly<Record<string, (command: Document) => Document[]>> = {
  find: (c) => [doc(c['filter'])],
  findAndModify: (c) => [doc(c['query'])],
  update: (c) => docs(c['updates']).map((u) => doc(u['q'])),
  delete: (c) => docs(c['deletes']).map((d) => doc(d['q'])),
  count: (c) => [doc(c['query'])],
  distinct: (c) => [doc(c['query'])],
  aggregate: (c) => [doc(docs(c['pipeline'])[0]?.['$match'])],
};

export function shapeOf(collection: string, command: string, filter: Document): QueryShape {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter) as Array<[string, unknown]>) {
    if (key.startsWith('$')) fields[key] = 'expr';
    else if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      !(value instanceof Date) &&
      Object.keys(value).some((k) => k.startsWith('$'))
    ) {
      const ops = Object.keys(value);
      fields[key] = ops.length === 1 ? ops[0]! : ops.sort().join(',');
    } else fields[key] = 'eq';
  }
  return { collection, command, fields };
}

/**
 * Records the shape of every filter the service sends (never the values: they may hold personal data), one JSON
 * line per distinct shape, for the test that checks each against the unique indexes (`LIANJIAN_QUERY_LOG`).
 */
export function queryShapeRecorder(file: string): (event: CommandStartedEvent) => void {
  const seen = new Set<string>();
  return (event) => {
    const filters = FILTER_OF[event.commandName];
    if (!filters) return;
    const collection = String(event.command[event.commandName] as unknown);
    for (const filter of filters(event.command)) {
      const line = JSON.stringify(shapeOf(collection, event.commandName, filter));
      if (seen.has(line)) continue;
      seen.add(line);
      appendFileSync(file, `${line}\n`);
    }
  };
}
