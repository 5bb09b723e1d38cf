import { type Collection, type Db } from 'mongodb';
import { CommitReader } from './commit-reader';
import { type EventStore } from './event-store.port';
import { CommitWriter } from './commit-writer';
import { SnapshotStore } from './snapshot-store';
import { type CommitDocument, storeCollections } from './store-documents';
import { StreamMetadataStore } from './stream-metadata-store';
import {
  type AppendContext,
  type AppendResult,
  type Commit,
  type ExpectedVersion,
  type NewEvent,
  type ReadStreamOptions,
  type RecordedEvent,
  type Snapshot,
  type StreamMetadata,
  type UpcasterRegistry,
} from './types';

export { type CommitDocument } from './store-documents';

export interface MongoEventStoreOptions {
  readonly db: Db;
  /** Collection name prefix: `<prefix>_commits`, `<prefix>_streams`, `<prefix>_snapshots`. */
  readonly prefix?: string;
  readonly upcasters?: UpcasterRegistry;
  /** Most appends written in one round trip by the group commit. */
  readonly maxBatchSize?: number;
}

/**
 * An event store on MongoDB-compatible databases that needs no transactions and no change streams: only
 * single-document atomicity and unique indexes, so it holds on MongoDB and the embedded mongo-java-server alike.
 *
 * - Each append is one commit document; a multi-event append is atomic because it is one document.
 * - The global position is the commit's `_id`, claimed by the insert itself (head + 1, retried on a duplicate
 *   key), so positions are gap-free and a commit is visible only after every commit before it.
 * - `streamKey` (`<streamId>@<fromVersion>`) unique gives optimistic concurrency; `{streamId, commitId}` unique
 *   gives idempotent appends.
 * - Every read is an exact-key lookup on `_id` or `streamKey` (see commit-log.ts): no range, sort or scan, so
 *   reads cost the same at a million commits as at ten, on MongoDB and on the embedded database alike.
 * - Concurrent appends from one process are written together (group commit) by one ordered `insertMany`.
 *
 * The store is one facade over four parts, each in a file named for its role: the writer (commit-writer.ts: appends,
 * group commit, idempotency), the reader (commit-reader.ts: streams, the global order, upcasting), the snapshots
 * (snapshot-store.ts) and the stream metadata (stream-metadata-store.ts: truncation, soft delete).
 */
export class MongoEventStore implements EventStore {
  readonly commits: Collection<CommitDocument>;
  private readonly writer: CommitWriter;
  private readonly reader: CommitReader;
  private readonly snapshots: SnapshotStore;
  private readonly metadata: StreamMetadataStore;

  constructor(options: MongoEventStoreOptions) {
    const collections = storeCollections(options.db, options.prefix ?? 'es');
    this.commits = collections.commits;
    this.metadata = new StreamMetadataStore(collections.streams);
    this.snapshots = new SnapshotStore(collections.snapshots);
    this.reader = new CommitReader(collections.commits, collections.heads, this.metadata, options.upcasters ?? {});
    this.writer = new CommitWriter(
      collections.commits,
      collections.heads,
      { headPosition: () => this.headPosition(), streamVersion: (streamId) => this.streamVersion(streamId) },
      options.maxBatchSize ?? 100,
      options.upcasters ?? {},
    );
  }

  /** The highest global position this process appended: what its own reads must wait for to see its writes. */
  get lastWrittenPosition(): number {
    return this.writer.lastWrittenPosition;
  }

  /** Creates the indexes the store's guarantees rest on. Idempotent. */
  async init(): Promise<void> {
    await this.commits.createIndex({ streamKey: 1 }, { unique: true, name: 'stream_key' });
    await this.commits.createIndex({ streamId: 1, commitId: 1 }, { unique: true, name: 'stream_commit' });
  }

  append(
    streamId: string,
    expected: ExpectedVersion,
    events: readonly NewEvent[],
    context: AppendContext,
  ): Promise<AppendResult> {
    return this.writer.append(streamId, expected, events, context);
  }

  /** The result of an earlier append of this commit id to the stream, or null. */
  findCommit(streamId: string, commitId: string): Promise<AppendResult | null> {
    return this.reader.findCommit(streamId, commitId);
  }

  /** The stream's current version (0 when it has no events): walked forward from the best known boundary. */
  async streamVersion(streamId: string): Promise<number> {
    const known = this.writer.knownTip(streamId) ?? (await this.snapshots.version(streamId)) ?? 0;
    return this.reader.streamTip(streamId, known);
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.reader.readStream(streamId, options);
  }

  /** Commits after a global position, in order; gap-free, so a reader can follow it with a checkpoint. */
  readAllCommits(afterPosition: number, limit = 500): Promise<Commit[]> {
    return this.reader.readAllCommits(afterPosition, limit);
  }

  readAll(afterPosition: number, limit = 500): Promise<RecordedEvent[]> {
    return this.reader.readAll(afterPosition, limit);
  }

  /** Position of the last commit (0 for an empty store). */
  headPosition(): Promise<number> {
    return this.reader.headPosition();
  }

  getStreamMetadata(streamId: string): Promise<StreamMetadata> {
    return this.metadata.get(streamId);
  }

  /** Reads of the stream start at `beforeVersion` from now on; the commits stay for the global order. */
  truncateStream(streamId: string, beforeVersion: number): Promise<void> {
    return this.metadata.truncate(streamId, beforeVersion);
  }

  /**
   * Soft delete: the stream reads as empty, its events stay in the global order (a tombstone, never a hard
   * delete). Appending again revives it from the next version.
   */
  async softDeleteStream(streamId: string): Promise<void> {
    await this.metadata.markDeleted(streamId, await this.streamVersion(streamId));
  }

  /**
   * Saves a snapshot unless a newer one is there. Two commands that save at once may leave the older of their two:
   * harmless, a snapshot is only where loading starts, and the events after it are read anyway.
   */
  saveSnapshot<State>(snapshot: Snapshot<State>): Promise<void> {
    return this.snapshots.save(snapshot);
  }

  loadSnapshot<State>(streamId: string, schemaVersion: number): Promise<Snapshot<State> | null> {
    return this.snapshots.load<State>(streamId, schemaVersion);
  }
}
