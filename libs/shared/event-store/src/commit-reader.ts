import { type Collection } from 'mongodb';
import { commitsAfter, headFrom, streamCommitsFrom, streamTipFrom } from './commit-log';
import { type CommitDocument, type HeadDocument } from './store-documents';
import { type StreamMetadataStore } from './stream-metadata-store';
import {
  type AppendResult,
  type Commit,
  type ReadStreamOptions,
  type RecordedEvent,
  type UpcasterRegistry,
} from './types';

/**
 * The read side of the store: streams, the global order and the head, every read an exact-key lookup on `_id` or
 * `streamKey` (see commit-log.ts). Stored events are upcast to their current schema version as they are read.
 */
export class CommitReader {
  constructor(
    private readonly commits: Collection<CommitDocument>,
    private readonly heads: Collection<HeadDocument>,
    private readonly metadata: StreamMetadataStore,
    private readonly upcasters: UpcasterRegistry,
  ) {}

  /** The result of an earlier append of this commit id to the stream, or null. */
  async findCommit(streamId: string, commitId: string): Promise<AppendResult | null> {
    const earlier = await this.commits.findOne({ streamId, commitId }, { projection: { _id: 1, toVersion: 1 } });
    return earlier
      ? { streamId, nextExpectedVersion: earlier.toVersion, globalPosition: earlier._id, duplicate: true }
      : null;
  }

  /** The stream's current version, walked forward from a version it is known to reach. */
  async streamTip(streamId: string, known: number): Promise<number> {
    return streamTipFrom(this.commits, streamId, known);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forward';
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const metadata = await this.metadata.get(streamId);
    const firstReadable = Math.max(
      metadata.truncateBefore,
      metadata.deletedAtVersion === null ? 0 : metadata.deletedAtVersion + 1,
    );
    const from =
      direction === 'forward' ? Math.max(options.fromVersion ?? 1, firstReadable) : Math.max(firstReadable, 1);
    const docs = await streamCommitsFrom(this.commits, streamId, from);
    const events = docs.flatMap((doc) => this.toRecorded(doc)).filter((e) => e.streamVersion >= from);
    if (direction === 'forward') return events.slice(0, maxCount);
    const until = options.fromVersion ?? Number.MAX_SAFE_INTEGER;
    return events
      .reverse()
      .filter((e) => e.streamVersion <= until)
      .slice(0, maxCount);
  }

  /** Commits after a global position, in order; gap-free, so a reader can follow it with a checkpoint. */
  async readAllCommits(afterPosition: number, limit = 500): Promise<Commit[]> {
    return (await commitsAfter(this.commits, afterPosition, limit)).map((doc) => this.toCommit(doc));
  }

  async readAll(afterPosition: number, limit = 500): Promise<RecordedEvent[]> {
    return (await this.readAllCommits(afterPosition, limit)).flatMap((c) => c.events);
  }

  /** Position of the last commit (0 for an empty store), walked forward from the head hint. */
  async headPosition(): Promise<number> {
    const hint = await this.heads.findOne({ _id: 'head' });
    return headFrom(this.commits, hint?.position ?? 0);
  }

  private toCommit(doc: CommitDocument): Commit {
    return {
      globalPosition: doc._id,
      streamId: doc.streamId,
      fromVersion: doc.fromVersion,
      toVersion: doc.toVersion,
      commitId: doc.commitId,
      events: this.toRecorded(doc),
    };
  }

  private toRecorded(doc: CommitDocument): RecordedEvent[] {
    return doc.events.map((e, i) => {
      let { schemaVersion, data } = e;
      for (let up = this.upcasters[e.type]?.[schemaVersion]; up; up = this.upcasters[e.type]?.[schemaVersion]) {
        data = up(data);
        schemaVersion += 1;
      }
      return {
        eventId: e.eventId,
        type: e.type,
        schemaVersion,
        streamId: doc.streamId,
        streamVersion: doc.fromVersion + i,
        globalPosition: doc._id,
        indexInCommit: i,
        occurredAt: doc.occurredAt,
        actor: doc.actor,
        district: doc.district,
        commitId: doc.commitId,
        correlationId: doc.correlationId,
        causationId: doc.causationId,
        data,
      };
    });
  }
}
