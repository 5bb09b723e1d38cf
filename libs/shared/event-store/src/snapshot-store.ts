import { type Collection } from 'mongodb';
import { type SnapshotDocument } from './store-documents';
import { type Snapshot } from './types';

/** Snapshots, one per stream by exact key: only where loading a stream's state starts, never its truth. */
export class SnapshotStore {
  constructor(private readonly snapshots: Collection<SnapshotDocument>) {}

  /**
   * Saves a snapshot unless a newer one is there, by exact key. Two commands that save at once may leave the older of
   * their two: harmless, a snapshot is only where loading starts, and the events after it are read anyway.
   */
  async save<State>(snapshot: Snapshot<State>): Promise<void> {
    const existing = await this.snapshots.findOne({ _id: snapshot.streamId }, { projection: { version: 1 } });
    if (existing && existing.version >= snapshot.version) return;
    await this.snapshots.replaceOne(
      { _id: snapshot.streamId },
      { version: snapshot.version, schemaVersion: snapshot.schemaVersion, state: snapshot.state, savedAt: new Date() },
      { upsert: true },
    );
  }

  /** The stream's snapshot, or null when there is none or it was saved for another state schema version. */
  async load<State>(streamId: string, schemaVersion: number): Promise<Snapshot<State> | null> {
    const doc = await this.snapshots.findOne({ _id: streamId });
    if (!doc || doc.schemaVersion !== schemaVersion) return null;
    return { streamId, version: doc.version, schemaVersion: doc.schemaVersion, state: doc.state as State };
  }

  /** The version of the stream's snapshot (whatever its schema), or null: a version the stream is known to reach. */
  async version(streamId: string): Promise<number | null> {
    return (await this.snapshots.findOne({ _id: streamId }, { projection: { version: 1 } }))?.version ?? null;
  }
}
