import { type IHeaders, type Kafka, type Message, type Producer } from 'kafkajs';
import { type Db } from 'mongodb';
import { type MongoEventStore, type RecordedEvent } from '@lianjian/event-store';
import { envelopeHeaders, toEnvelope } from './envelope';
import { Lease } from './lease';
import { ensureTopics } from './topics';

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
}

export interface OutboxRelayOptions {
  readonly service: string;
  readonly store: MongoEventStore;
  readonly db: Db;
  readonly kafka: Kafka;
  /** The topic an event goes to, or null when it is not published. */
  readonly topicFor: (event: RecordedEvent) => string | null;
  /** Topics to create at start when missing. */
  readonly topics: readonly TopicSpec[];
  /** Replication factor of topics the relay creates (3 on a production cluster). */
  readonly replicationFactor?: number;
  readonly batchSize?: number;
  /**
   * The most bytes (keys, values and headers) sent in one produce request (default 512 KiB). Kafka refuses a record
   * batch larger than the broker's `message.max.bytes` (1 MiB by default), and a backlog of 1,000 commits of an
   * import is several MiB: the relay then sends it in requests of this size, in order.
   */
  readonly maxRequestBytes?: number;
  readonly pollIntervalMs?: number;
  readonly leaseMs?: number;
  readonly logger?: Pick<Console, 'warn' | 'error'>;
}

interface RelayCheckpoint {
  /** Global position of the last commit whose events Kafka acknowledged. */
  checkpoint: number;
}

export interface RelayStatus {
  readonly leader: boolean;
  readonly checkpoint: number;
  readonly head: number;
  /** Commits written but not yet acknowledged by Kafka. */
  readonly lag: number;
  readonly lastError: string | null;
}

/**
 * Publishes committed events to Kafka in global order (the commit document is the outbox).
 *
 * One relay per service publishes at a time: it holds a lease (`relay:<service>`), and its checkpoint is saved on
 * the lease document only while it still owns it (fencing). Each batch is sent with an idempotent producer,
 * acks from all in-sync replicas and one request in flight; the checkpoint moves only after Kafka acknowledged.
 * A crash re-sends at most the last unacknowledged batch: at-least-once, deduplicated by consumers.
 * When Kafka is down, nothing is lost: commands keep appending, and the relay retries with backoff.
 */
export class OutboxRelay {
  private readonly lease: Lease<RelayCheckpoint>;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly logger: Pick<Console, 'warn' | 'error'>;
  private producer: Producer | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** An append was announced while the relay was busy: it looks again before it sleeps. */
  private notified = false;
  private leader = false;
  private checkpoint = 0;
  private lastError: string | null = null;
  /** The last acknowledged batch's checkpoint, being saved (fenced) while the next batch is read. */
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly options: OutboxRelayOptions) {
    this.leaseMs = options.leaseMs ?? 10_000;
    this.lease = Lease.in<RelayCheckpoint>(options.db, `relay:${options.service}`, this.leaseMs, { checkpoint: 0 });
    this.batchSize = options.batchSize ?? 200;
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.logger = options.logger ?? console;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Wakes the relay at once (after an append) instead of waiting for the next poll. */
  notify(): void {
    if (this.wake) this.wake();
    else this.notified = true; // while a batch is under way: the next idle returns at once instead of waiting
  }

  async stop(): Promise<void> {
    this.running = false;
    this.notify();
    await this.loop;
    await this.saving.catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    this.producer = null;
    if (this.leader) {
      await this.lease.release();
      this.leader = false;
    }
  }

  async status(): Promise<RelayStatus> {
    const head = await this.options.store.headPosition();
    const doc = await this.lease.read();
    const checkpoint = doc?.checkpoint ?? 0;
    return { leader: this.leader, checkpoint, head, lag: head - checkpoint, lastError: this.lastError };
  }

  private async run(): Promise<void> {
    let backoff = this.pollIntervalMs;
    while (this.running) {
      try {
        // renewed at half its time, not before every batch: a busy relay saves a round trip per batch
        this.leader = this.leader && this.lease.fresh ? true : await this.holdLease();
        if (!this.leader) {
          await this.idle(Math.min(this.leaseMs / 2, 1000));
          continue;
        }
        const published = await this.publishNextBatch();
        this.lastError = null;
        backoff = this.pollIntervalMs;
        if (published < this.batchSize) await this.idle(this.pollIntervalMs);
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.saving = Promise.resolve();
        this.leader = false; // take the lease again: it brings back the checkpoint that was really saved
        this.logger.warn(`[relay ${this.options.service}] ${this.lastError}; retrying in ${backoff} ms`);
        await this.resetProducer();
        await this.idle(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  private async holdLease(): Promise<boolean> {
    const doc = await this.lease.hold();
    if (!doc) return false;
    this.checkpoint = doc.checkpoint;
    return true;
  }

  private async publishNextBatch(): Promise<number> {
    // the previous batch's checkpoint is saved while this batch is read; nothing is sent before it is saved
    const [commits] = await Promise.all([
      this.options.store.readAllCommits(this.checkpoint, this.batchSize),
      this.saving,
    ]);
    if (commits.length === 0) return 0;
    // requests of at most maxRequestBytes, one after the other: each stream's events stay in order (one partition
    // per key, an idempotent producer with one request in flight)
    const maxBytes = this.options.maxRequestBytes ?? 512 * 1024;
    let request = new Map<string, Message[]>();
    let requestBytes = 0;
    const send = async () => {
      if (request.size === 0) return;
      const producer = await this.connectedProducer();
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...request].map(([topic, messages]) => ({ topic, messages })),
      });
      request = new Map();
      requestBytes = 0;
    };
    for (const commit of commits) {
      for (const event of commit.events) {
        const topic = this.options.topicFor(event);
        if (!topic) continue;
        const envelope = toEnvelope(this.options.service, event);
        const message = { key: event.streamId, value: JSON.stringify(envelope), headers: envelopeHeaders(envelope) };
        const bytes = messageBytes(message);
        if (requestBytes > 0 && requestBytes + bytes > maxBytes) await send();
        const messages = request.get(topic) ?? [];
        messages.push(message);
        request.set(topic, messages);
        requestBytes += bytes;
      }
    }
    await send();
    const last = commits[commits.length - 1]!.globalPosition;
    this.checkpoint = last;
    this.saving = (async () => {
      if (!(await this.lease.save({ checkpoint: last }))) {
        this.leader = false; // lost the lease while publishing: the new owner resumes from the stored checkpoint
        throw new Error('lease lost before the checkpoint was saved');
      }
    })();
    this.saving.catch(() => undefined); // seen by the next batch, or by stop()
    return commits.length;
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(
        admin,
        this.options.topics.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: this.options.replicationFactor ?? 1,
        })),
      );
    } finally {
      await admin.disconnect();
    }
    const producer = this.options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    this.producer = producer;
    return producer;
  }

  private async resetProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
  }

  private idle(ms: number): Promise<void> {
    if (this.notified) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this; // eslint-disable-line @typescript-eslint/no-this-alias
      function done(): void {
        clearTimeout(timer);
        self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }
}

/** What a message adds to a produce request, near enough: its key, value and headers. */
function messageBytes(message: { key: string; value: string; headers: IHeaders }): number {
  let bytes = Buffer.byteLength(message.key) + Buffer.byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers))
    bytes += name.length + (value === undefined ? 0 : Buffer.byteLength(String(value)));
  return bytes;
}
