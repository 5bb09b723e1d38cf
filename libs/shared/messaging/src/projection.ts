import { type Collection, type Db } from 'mongodb';
import { type IntegrationEnvelope } from './envelope';

/**
 * How an event relates to the read model of its stream: the next contiguous version (apply it), one already
 * applied (a redelivery or replay: skip it), or one after a version the read model has not seen (a gap: never
 * skip past it).
 */
export type VersionStep = 'next' | 'seen' | 'gap';

export function versionStep(current: number, incoming: number): VersionStep {
  if (incoming <= current) return 'seen';
  return incoming === current + 1 ? 'next' : 'gap';
}

interface ParkedEvent {
  _id: string;
  streamId: string;
  streamVersion: number;
  envelope: IntegrationEnvelope;
  parkedAt: Date;
}

export interface StreamProjectionOptions<Doc> {
  readonly db: Db;
  /** Names the collection of parked events (`parked_<name>`). */
  readonly name: string;
  /** The read model's document of the stream, by key (null when it has none): read once per event. */
  readonly load: (streamId: string) => Promise<Doc | null>;
  /** The version of the stream that document has applied (0 for none). */
  readonly versionOf: (doc: Doc | null) => number;
  /** Applies the next contiguous event of its stream to the document loaded for it, and records its version. */
  readonly apply: (envelope: IntegrationEnvelope, current: Doc | null) => Promise<void>;
  readonly logger?: Pick<Console, 'warn'>;
}

/**
 * Projects another service's events, one stream at a time, accepting only the next contiguous version of each
 * stream. An event that arrives after a gap (its predecessor was dead-lettered, or never arrived) is parked and
 * the stream stops there; once the missing event arrives (a dead-letter replay, or a replay of the topic), it is
 * applied and the parked events after it follow, in order. Parked events are found by exact key
 * (`<streamId>@<version>`), so repair reads no range.
 *
 * Only one instance writes a projection at a time (the consumer group gives each stream's partition to one
 * consumer), so the read model needs no conditional update.
 */
export class StreamProjection<Doc = unknown> {
  private readonly parked: Collection<ParkedEvent>;
  parkedCount = 0;

  constructor(private readonly options: StreamProjectionOptions<Doc>) {
    this.parked = options.db.collection<ParkedEvent>(`parked_${options.name}`);
  }

  async handle(envelope: IntegrationEnvelope): Promise<void> {
    // Whether the event after this one waits parked is asked beside the load, not after the apply: only this
    // stream's consumer parks its events, and it is here, so the answer cannot change in between (one round trip
    // less per event on the hot path; wasted only for a redelivery or a gap).
    const [doc, parkedNext] = await Promise.all([
      this.options.load(envelope.streamId),
      this.parked.findOne({ _id: `${envelope.streamId}@${envelope.streamVersion + 1}` }),
    ]);
    const current = this.options.versionOf(doc);
    const step = versionStep(current, envelope.streamVersion);
    if (step === 'seen') return;
    if (step === 'gap') {
      const _id = `${envelope.streamId}@${envelope.streamVersion}`;
      await this.parked.replaceOne(
        { _id },
        { streamId: envelope.streamId, streamVersion: envelope.streamVersion, envelope, parkedAt: new Date() },
        { upsert: true },
      );
      this.parkedCount += 1;
      (this.options.logger ?? console).warn(
        `[projection ${this.options.name}] ${envelope.streamId} v${envelope.streamVersion} parked: the read model is at v${current}; the stream waits for v${current + 1}`,
      );
      return;
    }
    await this.options.apply(envelope, doc);
    // the events parked after this one follow it, in order
    let next = parkedNext;
    while (next) {
      await this.options.apply(next.envelope, await this.options.load(envelope.streamId));
      await this.parked.deleteOne({ _id: next._id });
      next = await this.parked.findOne({ _id: `${envelope.streamId}@${next.streamVersion + 1}` });
    }
  }
}

/** One stream's document before a batch of its events and after them. */
export interface StreamChange<Doc> {
  readonly streamId: string;
  readonly before: Doc | null;
  readonly after: Doc;
}

export interface StreamBatchProjectionOptions<Doc> {
  readonly db: Db;
  /** Names the collection of parked events (`parked_<name>`). */
  readonly name: string;
  /** The read model's documents of these streams, by stream id (a stream without one is absent): read once per batch. */
  readonly loadMany: (streamIds: readonly string[]) => Promise<ReadonlyMap<string, Doc>>;
  /** The version of the stream that document has applied (0 for none). */
  readonly versionOf: (doc: Doc | null) => number;
  /** The document after the next contiguous event of its stream, recording its version: pure, no I/O. */
  readonly evolve: (envelope: IntegrationEnvelope, current: Doc | null) => Doc;
  /**
   * Writes the documents a batch changed, each from what it was before the batch to what it is after. Must be
   * idempotent: a batch that failed half-way is applied again from the documents as they were read.
   */
  readonly save: (changes: ReadonlyArray<StreamChange<Doc>>) => Promise<void>;
  readonly logger?: Pick<Console, 'warn'>;
}

/**
 * `StreamProjection` for many events at a time: the same guarantees (the next contiguous version of each stream
 * only, events after a gap parked until the missing one arrives, redeliveries skipped), with one read of the
 * documents, one read of the parked events that now follow, and one `save` per batch instead of several round
 * trips per event. Events are folded in memory with a pure `evolve`; a stream's document is written once per
 * batch, with its state before and after, so derived writes (counts, rosters) are the batch's net change.
 *
 * Only one instance writes a projection at a time (the consumer group gives each partition to one consumer, and a
 * batch is one partition's), so the read model needs no conditional update.
 */
export class StreamBatchProjection<Doc> {
  private readonly parked: Collection<ParkedEvent>;
  parkedCount = 0;

  constructor(private readonly options: StreamBatchProjectionOptions<Doc>) {
    this.parked = options.db.collection<ParkedEvent>(`parked_${options.name}`);
  }

  handle(envelope: IntegrationEnvelope): Promise<void> {
    return this.handleBatch([envelope]);
  }

  async handleBatch(envelopes: readonly IntegrationEnvelope[]): Promise<void> {
    if (!envelopes.length) return;
    const { loadMany, versionOf, evolve } = this.options;
    const loaded = await loadMany([...new Set(envelopes.map((e) => e.streamId))]);
    const streams = new Map<string, { before: Doc | null; doc: Doc | null; changed: boolean }>();
    const stream = (streamId: string) => {
      let state = streams.get(streamId);
      if (!state) {
        const before = loaded.get(streamId) ?? null;
        state = { before, doc: before, changed: false };
        streams.set(streamId, state);
      }
      return state;
    };
    const parkedHere = new Map<string, IntegrationEnvelope>(); // after a gap, in this batch
    /** Applies the event, then those parked in this batch that follow it. */
    const apply = (envelope: IntegrationEnvelope) => {
      const state = stream(envelope.streamId);
      for (let next: IntegrationEnvelope | undefined = envelope; next;) {
        state.doc = evolve(next, state.doc);
        state.changed = true;
        const key = `${next.streamId}@${next.streamVersion + 1}`;
        next = parkedHere.get(key);
        parkedHere.delete(key);
      }
    };
    for (const envelope of envelopes) {
      const current = versionOf(stream(envelope.streamId).doc);
      const step = versionStep(current, envelope.streamVersion);
      if (step === 'next') apply(envelope);
      else if (step === 'gap') {
        parkedHere.set(`${envelope.streamId}@${envelope.streamVersion}`, envelope);
        (this.options.logger ?? console).warn(
          `[projection ${this.options.name}] ${envelope.streamId} v${envelope.streamVersion} parked: the read model is at v${current}; the stream waits for v${current + 1}`,
        );
      }
    }
    // the events parked by earlier batches that now follow, in order: one exact-key read per round
    const consumed: string[] = [];
    let waiting = [...streams].filter(([, s]) => s.changed).map(([id, s]) => `${id}@${versionOf(s.doc) + 1}`);
    while (waiting.length) {
      const found = await this.parked.find({ _id: { $in: waiting } }).toArray();
      waiting = [];
      for (const parked of found) {
        apply(parked.envelope);
        consumed.push(parked._id);
        waiting.push(`${parked.streamId}@${versionOf(stream(parked.streamId).doc) + 1}`);
      }
    }
    // an event parked above whose predecessor arrived later, from the parked events of earlier batches, is applied
    for (const [key, envelope] of parkedHere)
      if (envelope.streamVersion <= versionOf(stream(envelope.streamId).doc)) parkedHere.delete(key);
    if (parkedHere.size) {
      const parkedAt = new Date();
      await this.parked.bulkWrite(
        [...parkedHere].map(([_id, envelope]) => ({
          replaceOne: {
            filter: { _id },
            replacement: { streamId: envelope.streamId, streamVersion: envelope.streamVersion, envelope, parkedAt },
            upsert: true,
          },
        })),
      );
      this.parkedCount += parkedHere.size;
    }
    const changes = [...streams]
      .filter(([, s]) => s.changed)
      .map(([streamId, s]) => ({ streamId, before: s.before, after: s.doc as Doc }));
    if (changes.length) await this.options.save(changes);
    if (consumed.length) await this.parked.deleteMany({ _id: { $in: consumed } });
  }
}
