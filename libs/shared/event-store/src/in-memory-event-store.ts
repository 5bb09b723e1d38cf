import { randomUUID } from 'node:crypto';
import { CommitIdReusedError, InvalidAppendError, WrongExpectedVersionError } from './errors';
import { type EventStore } from './event-store.port';
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
  currentSchemaVersion,
} from './types';

interface StoredCommit {
  readonly globalPosition: number;
  readonly streamId: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly commitId: string;
  readonly occurredAt: Date;
  readonly actor: string;
  readonly district: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly events: ReadonlyArray<{ eventId: string; type: string; schemaVersion: number; data: EventPayload }>;
}

export interface InMemoryEventStoreOptions {
  readonly upcasters?: UpcasterRegistry;
}

/**
 * The event store in memory, with `MongoEventStore`'s semantics: one commit per append, gap-free global positions
 * from 1, the same expected-version checks and errors, idempotent commit ids per stream (a replay of the same
 * events is `duplicate`, other events under a used id a `CommitIdReusedError`), snapshots that never go back,
 * truncation and soft delete, upcasting on read. Payloads are copied in and out, as a database would. For unit tests
 * of application code; `in-memory-event-store.spec.ts` holds it to the cases the Mongo store's integration test runs.
 */
export class InMemoryEventStore implements EventStore {
  private readonly log: StoredCommit[] = [];
  private readonly streams = new Map<string, StoredCommit[]>();
  private readonly snapshots = new Map<string, Snapshot<unknown>>();
  private readonly metadata = new Map<string, StreamMetadata>();
  private readonly upcasters: UpcasterRegistry;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.upcasters = options.upcasters ?? {};
  }

  /** The highest global position appended (every append of this store is its own). */
  get lastWrittenPosition(): number {
    return this.log.length;
  }

  async append(
    streamId: string,
    expected: ExpectedVersion,
    events: readonly NewEvent[],
    context: AppendContext,
  ): Promise<AppendResult> {
    await Promise.resolve();
    if (!streamId) throw new InvalidAppendError('streamId is required');
    if (events.length === 0) throw new InvalidAppendError('an append needs at least one event');
    if (!context.commitId) throw new InvalidAppendError('commitId is required');
    if (expected.kind === 'exact' && (!Number.isInteger(expected.version) || expected.version < 0)) {
      throw new InvalidAppendError(`expected version must be a whole number ≥ 0`);
    }
    const commits = this.streams.get(streamId) ?? [];
    const earlier = commits.find((c) => c.commitId === context.commitId);
    if (earlier) return replayOf(streamId, earlier, events, context.commitId);
    const tip = commits.at(-1)?.toVersion ?? 0;
    const fits =
      expected.kind === 'any' ||
      (expected.kind === 'no-stream' && tip === 0) ||
      (expected.kind === 'exists' && tip > 0) ||
      (expected.kind === 'exact' && expected.version === tip);
    if (!fits) throw new WrongExpectedVersionError(streamId, expected, tip);
    const commit: StoredCommit = {
      globalPosition: this.log.length + 1,
      streamId,
      fromVersion: tip + 1,
      toVersion: tip + events.length,
      commitId: context.commitId,
      occurredAt: context.occurredAt ?? new Date(),
      actor: context.actor,
      district: context.district ?? null,
      correlationId: context.correlationId ?? null,
      causationId: context.causationId ?? null,
      events: events.map((e) => ({
        eventId: e.eventId ?? randomUUID(),
        type: e.type,
        schemaVersion: e.schemaVersion ?? currentSchemaVersion(this.upcasters, e.type),
        data: structuredClone(e.data),
      })),
    };
    this.log.push(commit);
    this.streams.set(streamId, [...commits, commit]);
    return { streamId, nextExpectedVersion: commit.toVersion, globalPosition: commit.globalPosition, duplicate: false };
  }

  async findCommit(streamId: string, commitId: string): Promise<AppendResult | null> {
    await Promise.resolve();
    const earlier = this.streams.get(streamId)?.find((c) => c.commitId === commitId);
    return earlier
      ? { streamId, nextExpectedVersion: earlier.toVersion, globalPosition: earlier.globalPosition, duplicate: true }
      : null;
  }

  async streamVersion(streamId: string): Promise<number> {
    await Promise.resolve();
    return this.streams.get(streamId)?.at(-1)?.toVersion ?? 0;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forward';
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const metadata = await this.getStreamMetadata(streamId);
    const firstReadable = Math.max(
      metadata.truncateBefore,
      metadata.deletedAtVersion === null ? 0 : metadata.deletedAtVersion + 1,
      1,
    );
    const events = (this.streams.get(streamId) ?? [])
      .flatMap((c) => this.toRecorded(c))
      .filter((e) => e.streamVersion >= firstReadable);
    if (direction === 'forward') {
      return events.filter((e) => e.streamVersion >= (options.fromVersion ?? 1)).slice(0, maxCount);
    }
    const until = options.fromVersion ?? Number.MAX_SAFE_INTEGER;
    return events
      .reverse()
      .filter((e) => e.streamVersion <= until)
      .slice(0, maxCount);
  }

  /** Commits after a global position, in order, at most `limit`. */
  async readAllCommits(afterPosition: number, limit = 500): Promise<Commit[]> {
    await Promise.resolve();
    return this.log.slice(Math.max(afterPosition, 0), Math.max(afterPosition, 0) + limit).map((c) => ({
      globalPosition: c.globalPosition,
      streamId: c.streamId,
      fromVersion: c.fromVersion,
      toVersion: c.toVersion,
      commitId: c.commitId,
      events: this.toRecorded(c),
    }));
  }

  async readAll(afterPosition: number, limit = 500): Promise<RecordedEvent[]> {
    return (await this.readAllCommits(afterPosition, limit)).flatMap((c) => c.events);
  }

  /** Position of the last commit (0 for an empty store). */
  async headPosition(): Promise<number> {
    await Promise.resolve();
    return this.log.length;
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata> {
    await Promise.resolve();
    return this.metadata.get(streamId) ?? { streamId, truncateBefore: 0, deletedAtVersion: null };
  }

  async truncateStream(streamId: string, beforeVersion: number): Promise<void> {
    const current = await this.getStreamMetadata(streamId);
    this.metadata.set(streamId, { ...current, truncateBefore: Math.max(current.truncateBefore, beforeVersion) });
  }

  async softDeleteStream(streamId: string): Promise<void> {
    const current = await this.getStreamMetadata(streamId);
    this.metadata.set(streamId, { ...current, deletedAtVersion: await this.streamVersion(streamId) });
  }

  async saveSnapshot<State>(snapshot: Snapshot<State>): Promise<void> {
    await Promise.resolve();
    const existing = this.snapshots.get(snapshot.streamId);
    if (existing && existing.version >= snapshot.version) return;
    this.snapshots.set(snapshot.streamId, structuredClone(snapshot));
  }

  async loadSnapshot<State>(streamId: string, schemaVersion: number): Promise<Snapshot<State> | null> {
    await Promise.resolve();
    const snapshot = this.snapshots.get(streamId);
    if (!snapshot || snapshot.schemaVersion !== schemaVersion) return null;
    return structuredClone(snapshot) as Snapshot<State>;
  }

  private toRecorded(commit: StoredCommit): RecordedEvent[] {
    return commit.events.map((e, i) => {
      let { schemaVersion } = e;
      let data = structuredClone(e.data);
      for (let up = this.upcasters[e.type]?.[schemaVersion]; up; up = this.upcasters[e.type]?.[schemaVersion]) {
        data = up(data);
        schemaVersion += 1;
      }
      return {
        eventId: e.eventId,
        type: e.type,
        schemaVersion,
        streamId: commit.streamId,
        streamVersion: commit.fromVersion + i,
        globalPosition: commit.globalPosition,
        indexInCommit: i,
        occurredAt: commit.occurredAt,
        actor: commit.actor,
        district: commit.district,
        commitId: commit.commitId,
        correlationId: commit.correlationId,
        causationId: commit.causationId,
        data,
      };
    });
  }
}

/** An append of a commit id already on the stream: the earlier result when the events are the same, else refused. */
function replayOf(
  streamId: string,
  earlier: StoredCommit,
  events: readonly NewEvent[],
  commitId: string,
): AppendResult {
  const same =
    earlier.events.length === events.length &&
    earlier.events.every(
      (e, i) => e.type === events[i]!.type && JSON.stringify(e.data) === JSON.stringify(events[i]!.data),
    );
  if (!same) throw new CommitIdReusedError(streamId, commitId);
  return { streamId, nextExpectedVersion: earlier.toVersion, globalPosition: earlier.globalPosition, duplicate: true };
}
