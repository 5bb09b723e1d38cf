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
