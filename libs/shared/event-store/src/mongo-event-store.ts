import { randomUUID } from 'node:crypto';
import { type Collection, type Db, MongoBulkWriteError } from 'mongodb';
import { commitsAfter, headFrom, streamCommitsFrom, streamKey, streamTipFrom } from './commit-log';
import { CommitIdReusedError, InvalidAppendError, WrongExpectedVersionError, isDuplicateKeyError } from './errors';
import {
  type AppendContext,
  type AppendResult,
  type Commit,
  type EventPayload,
  type ExpectedVersion,
  type NewEvent,
  type ReadStreamOptions,
  type RecordedEvent,
  type Snapshot,
  type StreamMetadata,
  type UpcasterRegistry,
} from './types';

interface StoredEvent {
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

interface StreamMetadataDocument {
  _id: string;
  truncateBefore: number;
  deletedAtVersion: number | null;
}

interface SnapshotDocument {
  _id: string;
  version: number;
  schemaVersion: number;
  state: unknown;
  savedAt: Date;
}

export interface MongoEventStoreOptions {
  readonly db: Db;
  /** Collection name prefix: `<prefix>_commits`, `<prefix>_streams`, `<prefix>_snapshots`. */
  readonly prefix?: string;
  readonly upcasters?: UpcasterRegistry;
  /** Most appends written in one round trip by the group commit. */
  readonly maxBatchSize?: number;
}

interface PendingAppend {
  readonly streamId: string;
  readonly expected: ExpectedVersion;
  readonly events: readonly NewEvent[];
  readonly context: AppendContext;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

interface PlannedAppend {
  readonly pending: PendingAppend;
  readonly fromVersion: number;
}

const MAX_CACHED_TIPS = 10_000;

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
 */
export class MongoEventStore {
  readonly commits: Collection<CommitDocument>;
  private readonly streams: Collection<StreamMetadataDocument>;
  private readonly snapshots: Collection<SnapshotDocument>;
  /** The highest position written, as a hint (a lower bound: written after the commits it names). */
  private readonly heads: Collection<{ _id: string; position: number }>;
  private readonly upcasters: UpcasterRegistry;
  private readonly maxBatchSize: number;
  private readonly queue: PendingAppend[] = [];
  private writing = false;
  private nextPosition: number | null = null;
  private readonly tips = new Map<string, number>();
  private written = 0;
  private headToMark = 0;
  private markingHead: Promise<void> | null = null;

  constructor(options: MongoEventStoreOptions) {
    const prefix = options.prefix ?? 'es';
    this.commits = options.db.collection<CommitDocument>(`${prefix}_commits`);
    this.streams = options.db.collection<StreamMetadataDocument>(`${prefix}_streams`);
    this.snapshots = options.db.collection<SnapshotDocument>(`${prefix}_snapshots`);
    this.heads = options.db.collection<{ _id: string; position: number }>(`${prefix}_head`);
    this.upcasters = options.upcasters ?? {};
    this.maxBatchSize = options.maxBatchSize ?? 100;
  }

  /** The highest global position this process appended: what its own reads must wait for to see its writes. */
  get lastWrittenPosition(): number {
    return this.written;
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
    if (!streamId) return Promise.reject(new InvalidAppendError('streamId is required'));
    if (events.length === 0) return Promise.reject(new InvalidAppendError('an append needs at least one event'));
    if (!context.commitId) return Promise.reject(new InvalidAppendError('commitId is required'));
    if (expected.kind === 'exact' && (!Number.isInteger(expected.version) || expected.version < 0)) {
      return Promise.reject(new InvalidAppendError(`expected version must be a whole number ≥ 0`));
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, expected, events, context, resolve, reject });
      void this.drain();
    });
  }

  /** The result of an earlier append of this commit id to the stream, or null. */
  async findCommit(streamId: string, commitId: string): Promise<AppendResult | null> {
    const earlier = await this.commits.findOne({ streamId, commitId }, { projection: { _id: 1, toVersion: 1 } });
    return earlier
      ? { streamId, nextExpectedVersion: earlier.toVersion, globalPosition: earlier._id, duplicate: true }
      : null;
  }

  /** The stream's current version (0 when it has no events): walked forward from the best known boundary. */
  async streamVersion(streamId: string): Promise<number> {
    const known =
      this.tips.get(streamId) ??
      (await this.snapshots.findOne({ _id: streamId }, { projection: { version: 1 } }))?.version ??
      0;
    return streamTipFrom(this.commits, streamId, known);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forward';
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const metadata = await this.getStreamMetadata(streamId);
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

  /**
   * Moves the head hint, off the append's path: the hint is only a lower bound that readers walk forward from, so an
   * append is settled without waiting for it. One update is in flight at a time; positions that arrive meanwhile
   * are folded into the next.
   */
  private markHead(position: number): void {
    this.headToMark = Math.max(this.headToMark, position);
    if (this.markingHead) return;
    this.markingHead = (async () => {
      try {
        for (let marked = 0; marked < this.headToMark;) {
          marked = this.headToMark;
          await this.heads.updateOne({ _id: 'head' }, { $max: { position: marked } }, { upsert: true });
        }
      } catch {
        // a hint: the next append moves it again, and readers walk forward from wherever it is
      } finally {
        this.markingHead = null;
      }
    })();
  }

  /** Position of the last commit (0 for an empty store). */
  async headPosition(): Promise<number> {
    const hint = await this.heads.findOne({ _id: 'head' });
    return headFrom(this.commits, hint?.position ?? 0);
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata> {
    const doc = await this.streams.findOne({ _id: streamId });
    return { streamId, truncateBefore: doc?.truncateBefore ?? 0, deletedAtVersion: doc?.deletedAtVersion ?? null };
  }

  /** Reads of the stream start at `beforeVersion` from now on; the commits stay for the global order. */
  async truncateStream(streamId: string, beforeVersion: number): Promise<void> {
    await this.streams.updateOne(
      { _id: streamId },
      { $max: { truncateBefore: beforeVersion }, $setOnInsert: { deletedAtVersion: null } },
      { upsert: true },
    );
  }

  /**
   * Soft delete: the stream reads as empty, its events stay in the global order (a tombstone, never a hard
   * delete). Appending again revives it from the next version.
   */
  async softDeleteStream(streamId: string): Promise<void> {
    const version = await this.streamVersion(streamId);
    await this.streams.updateOne(
      { _id: streamId },
      { $set: { deletedAtVersion: version }, $setOnInsert: { truncateBefore: 0 } },
      { upsert: true },
    );
  }

  /**
   * Saves a snapshot unless a newer one is there, by exact key. Two commands that save at once may leave the older of
   * their two: harmless, a snapshot is only where loading starts, and the events after it are read anyway.
   */
  async saveSnapshot<State>(snapshot: Snapshot<State>): Promise<void> {
    const existing = await this.snapshots.findOne({ _id: snapshot.streamId }, { projection: { version: 1 } });
    if (existing && existing.version >= snapshot.version) return;
    await this.snapshots.replaceOne(
      { _id: snapshot.streamId },
      { version: snapshot.version, schemaVersion: snapshot.schemaVersion, state: snapshot.state, savedAt: new Date() },
      { upsert: true },
    );
  }

  async loadSnapshot<State>(streamId: string, schemaVersion: number): Promise<Snapshot<State> | null> {
    const doc = await this.snapshots.findOne({ _id: streamId });
    if (!doc || doc.schemaVersion !== schemaVersion) return null;
    return { streamId, version: doc.version, schemaVersion: doc.schemaVersion, state: doc.state as State };
  }

  // ---- group commit -------------------------------------------------------------------------------------

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatchSize);
        try {
          await this.write(batch);
        } catch (error) {
          this.nextPosition = null;
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(batch: readonly PendingAppend[]): Promise<void> {
    let pending = batch;
    while (pending.length > 0) {
      const { planned, deferred } = await this.plan(pending);
      pending = deferred;
      if (planned.length === 0) continue;
      if (this.nextPosition === null) this.nextPosition = (await this.headPosition()) + 1;
      const first = this.nextPosition;
      const docs = planned.map((p, i) => this.toDocument(p, first + i));
      try {
        await this.commits.insertMany(docs, { ordered: true });
        this.nextPosition = first + docs.length;
        this.markHead(first + docs.length - 1);
        planned.forEach((p, i) => this.settled(p, docs[i]!));
      } catch (error) {
        const failedAt = failedIndex(error, docs.length);
        if (failedAt === null) throw error;
        if (failedAt > 0) this.markHead(first + failedAt - 1);
        for (let i = 0; i < failedAt; i += 1) this.settled(planned[i]!, docs[i]!);
        const failed = planned[failedAt]!;
        this.tips.delete(failed.pending.streamId);
        const outcome = await this.explainDuplicate(failed, docs[failedAt]!);
        if (outcome === 'position-taken') {
          this.nextPosition = null; // another process appended: re-read the head and retry from here
          pending = [...planned.slice(failedAt).map((p) => p.pending), ...deferred];
        } else {
          this.nextPosition = first + failedAt;
          pending = [...planned.slice(failedAt + 1).map((p) => p.pending), ...deferred];
        }
      }
    }
  }

  /**
   * Works out each append's first version and settles those whose expectation already fails. An append that
   * follows another append to the same stream in this batch and expects an exact version is deferred to the
   * next round, to be judged against what the batch actually wrote.
   */
  private async plan(
    pending: readonly PendingAppend[],
  ): Promise<{ planned: PlannedAppend[]; deferred: PendingAppend[] }> {
    const needTip = new Set<string>();
    for (const p of pending) {
      const cached = this.tips.get(p.streamId);
      if (p.expected.kind === 'any' || p.expected.kind === 'exists') {
        if (cached === undefined) needTip.add(p.streamId);
      } else if (p.expected.kind === 'exact' && cached !== p.expected.version) {
        needTip.add(p.streamId);
      }
    }
    await Promise.all([...needTip].map(async (s) => this.rememberTip(s, await this.streamVersion(s))));

    const planned: PlannedAppend[] = [];
    const deferred: PendingAppend[] = [];
    const inBatch = new Map<string, number>();
    for (const p of pending) {
      const batchTip = inBatch.get(p.streamId);
      if (batchTip !== undefined && p.expected.kind !== 'any') {
        deferred.push(p);
        continue;
      }
      const tip = batchTip ?? this.tips.get(p.streamId) ?? 0;
      let fromVersion: number;
      switch (p.expected.kind) {
        case 'any':
          fromVersion = tip + 1;
          break;
        case 'no-stream':
          fromVersion = 1; // the unique index decides; an existing stream makes this a conflict (or a replay)
          break;
        case 'exists':
          if (tip === 0) {
            p.reject(new WrongExpectedVersionError(p.streamId, p.expected, 0));
            continue;
          }
          fromVersion = tip + 1;
          break;
        case 'exact':
          if (tip !== p.expected.version) {
            await this.settleMismatch(p, tip);
            continue;
          }
          fromVersion = p.expected.version + 1;
          break;
      }
      inBatch.set(p.streamId, fromVersion + p.events.length - 1);
      planned.push({ pending: p, fromVersion });
    }
    return { planned, deferred };
  }

  /** The stream is not at the expected version: a replay of an earlier append, or a conflict. */
  private async settleMismatch(p: PendingAppend, actual: number): Promise<void> {
    const earlier = await this.commits.findOne({ streamId: p.streamId, commitId: p.context.commitId });
    if (earlier) this.settleReplay(p, earlier);
    else p.reject(new WrongExpectedVersionError(p.streamId, p.expected, actual));
  }

  private async explainDuplicate(failed: PlannedAppend, doc: CommitDocument): Promise<'position-taken' | 'settled'> {
    const p = failed.pending;
    const earlier = await this.commits.findOne({ streamId: p.streamId, commitId: p.context.commitId });
    if (earlier) {
      this.settleReplay(p, earlier);
      return 'settled';
    }
    const clash = await this.commits.findOne({ streamKey: doc.streamKey }, { projection: { _id: 1 } });
    if (clash) {
      p.reject(new WrongExpectedVersionError(p.streamId, p.expected, await this.streamVersion(p.streamId)));
      return 'settled';
    }
    return 'position-taken';
  }

  private settleReplay(p: PendingAppend, earlier: CommitDocument): void {
    const same =
      earlier.events.length === p.events.length &&
      earlier.events.every(
        (e, i) => e.type === p.events[i]!.type && JSON.stringify(e.data) === JSON.stringify(p.events[i]!.data),
      );
    if (!same) {
      p.reject(new CommitIdReusedError(p.streamId, p.context.commitId));
      return;
    }
    p.resolve({
      streamId: p.streamId,
      nextExpectedVersion: earlier.toVersion,
      globalPosition: earlier._id,
      duplicate: true,
    });
  }

  private settled(planned: PlannedAppend, doc: CommitDocument): void {
    this.rememberTip(doc.streamId, doc.toVersion);
    this.written = Math.max(this.written, doc._id);
    planned.pending.resolve({
      streamId: doc.streamId,
      nextExpectedVersion: doc.toVersion,
      globalPosition: doc._id,
      duplicate: false,
    });
  }

  private rememberTip(streamId: string, version: number): void {
    if (this.tips.size >= MAX_CACHED_TIPS && !this.tips.has(streamId)) {
      const oldest = this.tips.keys().next().value;
      if (oldest !== undefined) this.tips.delete(oldest);
    }
    this.tips.set(streamId, version);
  }

  private toDocument(planned: PlannedAppend, position: number): CommitDocument {
    const { pending, fromVersion } = planned;
    const ctx = pending.context;
    return {
      _id: position,
      streamId: pending.streamId,
      streamKey: streamKey(pending.streamId, fromVersion),
      fromVersion,
      toVersion: fromVersion + pending.events.length - 1,
      commitId: ctx.commitId,
      occurredAt: ctx.occurredAt ?? new Date(),
      actor: ctx.actor,
      district: ctx.district ?? null,
      correlationId: ctx.correlationId ?? null,
      causationId: ctx.causationId ?? null,
      events: pending.events.map((e) => ({
        eventId: e.eventId ?? randomUUID(),
        type: e.type,
        schemaVersion: e.schemaVersion ?? 1,
        data: e.data,
      })),
    };
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

/** Index of the document an ordered insertMany stopped at, or null when the error is not a duplicate key. */
function failedIndex(error: unknown, count: number): number | null {
  if (error instanceof MongoBulkWriteError) {
    const raw: unknown = error.writeErrors;
    const writeErrors = (Array.isArray(raw) ? raw : [raw]) as Array<{ code?: number; index: number } | undefined>;
    const first = writeErrors[0];
    if (first && first.code === 11000) return Math.min(first.index, count - 1);
    return null;
  }
  if (isDuplicateKeyError(error) && count === 1) return 0;
  return null;
}
