import {
  type AppendContext,
  type AppendResult,
  type ExpectedVersion,
  type NewEvent,
  type ReadStreamOptions,
  type RecordedEvent,
  type Snapshot,
} from './types';

/**
 * The event store as application code uses it (through `handleCommand`, `loadAggregate` and its own reads): append
 * with an expected version, find an earlier commit of a command, read a stream and its version, and keep snapshots.
 * `MongoEventStore` implements it on the database, `InMemoryEventStore` in memory with the same semantics (for fast
 * tests of command handlers). Followers of the global order (the outbox relay, projections) use the store itself.
 */
export interface EventStore {
  /**
   * Appends the events as one atomic commit. A stream not at the expected version is a `WrongExpectedVersionError`;
   * a commit id already on the stream is a replay (`duplicate: true`, nothing written) when the events are the same,
   * and a `CommitIdReusedError` when they are not.
   */
  append(
    streamId: string,
    expected: ExpectedVersion,
    events: readonly NewEvent[],
    context: AppendContext,
  ): Promise<AppendResult>;

  /** The result of an earlier append of this commit id to the stream, or null. */
  findCommit(streamId: string, commitId: string): Promise<AppendResult | null>;

  /** The stream's current version (0 when it has no events). */
  streamVersion(streamId: string): Promise<number>;

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Saves a snapshot unless a newer one is there. */
  saveSnapshot<State>(snapshot: Snapshot<State>): Promise<void>;

  /** The stream's snapshot, or null when there is none or it was saved for another state schema version. */
  loadSnapshot<State>(streamId: string, schemaVersion: number): Promise<Snapshot<State> | null>;
}
