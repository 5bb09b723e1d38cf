import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { type DocumentNode, Kind, buildSchema, parse, print, validate } from 'graphql';

/**
 * Persisted (trusted) documents: the operations of the admin app and the dashboards, kept as `.graphql` files in
 * `apps/gateway/operations/` and registered by the SHA-256 of their text in `apps/gateway/persisted-documents.json`
 * (Apollo's persisted query manifest, which Hive Router reads). In production settings the gateway runs only these;
 * a client sends `documentId` (or `extensions.persistedQuery.sha256Hash`) instead of the query text.
 */
export interface PersistedOperation {
  readonly id: string;
  readonly name: string;
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly body: string;
}

export interface PersistedDocumentManifest {
  readonly format: 'apollo-persisted-query-manifest';
  readonly version: 1;
  readonly operations: readonly PersistedOperation[];
}

export const OPERATIONS_DIR = path.resolve(__dirname, '../operations');
export const MANIFEST_FILE = path.resolve(__dirname, '../persisted-documents.json');

/** Every operation of the `.graphql` files of a folder, each validated against the API schema, by name. */
export function persistedDocuments(operationsDir: string, apiSchemaSdl: string): PersistedDocumentManifest {
  const schema = buildSchema(apiSchemaSdl);
  const operations: PersistedOperation[] = [];
  for (const file of readdirSync(operationsDir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()) {
    const document = parse(readFileSync(path.join(operationsDir, file), 'utf8'), { noLocation: true });
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name)
        throw new Error(`${file}: every persisted document is one named operation (no fragments, no anonymous ones)`);
      const single: DocumentNode = { kind: Kind.DOCUMENT, definitions: [definition] };
      const errors = validate(schema, single);
      if (errors.length)
        throw new Error(`${file}: ${definition.name.value}: ${errors.map((e) => e.message).join('; ')}`);
      const body = print(single);
      if (operations.some((o) => o.name === definition.name!.value))
        throw new Error(`${file}: ${definition.name.value} is registered twice`);
      operations.push({ id: documentId(body), name: definition.name.value, type: definition.operation, body });
    }
  }
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

/** A document's id: the hex SHA-256 of its text, as Apollo's persisted queries and Hive Router expect. */
export const documentId = (body: string): string => createHash('sha256').update(body).digest('hex');

export const renderManifest = (manifest: PersistedDocumentManifest): string => `${JSON.stringify(manifest, null, 2)}\n`;
