import { randomUUID } from 'node:crypto';
import { type Collection, MongoBulkWriteError } from 'mongodb';
import { streamKey } from './commit-log';
import { CommitIdReusedError, InvalidAppendError, WrongExpectedVersionError, isDuplicateKeyError } from './errors';
import { type CommitDocument, type HeadDocument } from './store-documents';
import {
  type AppendContext,
  type AppendResult,
  type ExpectedVersion,
  type NewEvent,
  type UpcasterRegistry,
  currentSchemaVersion,
} from './types';

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

/** What the writer reads back from the store: the head to claim positions after, and a stream's current version. */
export interface WriterSource {
  headPosition(): Promise<number>;
  streamVersion(streamId: string): Promise<number>;
}

const MAX_CACHED_TIPS = 10_000;

/**
 * The write side of the store: each append becomes one commit document whose `_id` (the global position) is claimed
 * by the insert itself (head + 1, retried on a duplicate key), with `streamKey` unique for optimistic concurrency and
 * `{streamId, commitId}` unique for idempotent appends. Concurrent appends from one process are written together
 * (group commit) by one ordered `insertMany`; the streams' tips it wrote are cached for the next appends.
 */
export class CommitWriter {
  private readonly queue: PendingAppend[] = [];
  private writing = false;
  private nextPosition: number | null = null;
  private readonly tips = new Map<string, number>();
  private written = 0;
  private headToMark = 0;
  private markingHead: Promise<void> | null = null;

  constructor(
    private readonly commits: Collection<CommitDocument>,
    private readonly heads: Collection<HeadDocument>,
    private readonly source: WriterSource,
    /** Most appends written in one round trip by the group commit. */
    private readonly maxBatchSize: number,
    /** The store's upcasters: a new event is written in its type's current schema version. */
    private readonly upcasters: UpcasterRegistry = {},
  ) {}

  /** The highest global position this writer appended: what its own reads must wait for to see its writes. */
  get lastWrittenPosition(): number {
    return this.written;
  }

  /** The stream's version as this writer last wrote or read it, if it remembers it. */
  knownTip(streamId: string): number | undefined {
    return this.tips.get(streamId);
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
      if (this.nextPosition === null) this.nextPosition = (await this.source.headPosition()) + 1;
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
    await Promise.all([...needTip].map(async (s) => this.rememberTip(s, await this.source.streamVersion(s))));

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
      p.reject(new WrongExpectedVersionError(p.streamId, p.expected, await this.source.streamVersion(p.streamId)));
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
        schemaVersion: e.schemaVersion ?? currentSchemaVersion(this.upcasters, e.type),
        data: e.data,
      })),
    };
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
