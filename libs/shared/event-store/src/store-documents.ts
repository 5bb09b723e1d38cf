import { type Collection, type Db } from 'mongodb';
import { type EventPayload } from './types';

/** An event as stored inside its commit document. */
export interface StoredEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: EventPayload;
}

/** One document per append (NEventStore's layout): `_id` is the gap-free global position. */
export interface CommitDocument {
  _id: number;
  streamId: string;
  /** `<streamId>@<fromVersion>`, unique: optimistic concurrency, and the exact key a stream is read by. */
  streamKey: string;
  fromVersion: number;
  toVersion: number;
  commitId: string;
  occurredAt: Date;
  actor: string;
  district: string | null;
  correlationId: string | null;
  causationId: string | null;
  events: StoredEvent[];
}

export interface StreamMetadataDocument {
  _id: string;
  truncateBefore: number;
  deletedAtVersion: number | null;
}

export interface SnapshotDocument {
  _id: string;
  version: number;
  schemaVersion: number;
  state: unknown;
  savedAt: Date;
}

/** The highest position written, as a hint (a lower bound: written after the commits it names). */
export interface HeadDocument {
  _id: string;
  position: number;
}

/** The store's collections: `<prefix>_commits`, `<prefix>_streams`, `<prefix>_snapshots` and `<prefix>_head`. */
export interface StoreCollections {
  readonly commits: Collection<CommitDocument>;
  readonly streams: Collection<StreamMetadataDocument>;
  readonly snapshots: Collection<SnapshotDocument>;
  readonly heads: Collection<HeadDocument>;
}

export function storeCollections(db: Db, prefix: string): StoreCollections {
  return {
    commits: db.collection<CommitDocument>(`${prefix}_commits`),
    streams: db.collection<StreamMetadataDocument>(`${prefix}_streams`),
    snapshots: db.collection<SnapshotDocument>(`${prefix}_snapshots`),
    heads: db.collection<HeadDocument>(`${prefix}_head`),
  };
}
