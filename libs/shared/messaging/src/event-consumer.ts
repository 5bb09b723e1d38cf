import { ExponentialBackoff, handleWhen, retry, type RetryPolicy as CockatielRetryPolicy } from 'cockatiel';
import {
  type Consumer,
  type EachBatchPayload,
  type EachMessagePayload,
  type Kafka,
  KafkaJSError,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import { DOMAIN_TOPIC_PARTITIONS, ensureTopics } from './topics';
import {
  type ConsumerHealth,
  type ConsumerHealthSnapshot,
  type DeadLetterReason,
  consumerHealthOf,
} from './consumer-health';
import { DLQ_HEADERS, deadLetterTopicOf, headerText, replayTopicOf } from './dead-letters';
import { type IntegrationEnvelope, parseEnvelope } from './envelope';

export * from './consumer-health';
export * from './dead-letters';

/** Backoff between attempts at a message that failed transiently: exponential with jitter, capped. */
export interface RetryPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * What a failed attempt means. `transient`: the message is fine and the world is not (database or broker down,
 * a timeout, "database is locked", anything unknown): retry it until it succeeds. `invalid` (fails its schema) or
 * `refused` (the handler deterministically refuses it): it can never be processed, dead-letter it at once.
 */
export type FailureClass = 'transient' | 'invalid' | 'refused';

const POISON = Symbol.for('lianjian.messaging.poison-message');

/**
 * Thrown by a handler for a message it can never process — it fails its schema (`invalid`) or the handler refuses
 * it deterministically (`refused`, the default). The consumer dead-letters it at once instead of retrying. Keep
 * personal data out of the message: it is logged and stored in the dead letter's headers.
 */
export class PoisonMessageError extends Error {
  readonly [POISON] = true;
  readonly reason: 'invalid' | 'refused';

  constructor(message: string, options: { reason?: 'invalid' | 'refused'; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PoisonMessageError';
    this.reason = options.reason ?? 'refused';
  }
}

/** True for a `PoisonMessageError`, also one from another copy of this module (the brand is a global symbol). */
export function isPoisonMessage(error: unknown): error is PoisonMessageError {
  return typeof error === 'object' && error !== null && (error as { [POISON]?: unknown })[POISON] === true;
}

export interface EventConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Handles one event; `topic` is where it was published (also for a replayed dead letter). */
  readonly handle: (envelope: IntegrationEnvelope, topic: string) => Promise<void>;
  /**
   * Handles several events of one partition at once, in their order: the fast path of a projection that folds a
   * batch (`StreamBatchProjection`), for the topics `batches` names. A batch that fails in any way (an undecodable
   * or poison message in it, the database down) is handled again one message at a time through `handle`, with its
   * retries and dead letters; the events of the failed batch that were applied are skipped then, so the handler
   * must be idempotent (position-guarded projections are). Replayed dead letters always go one at a time.
   */
  readonly handleBatch?: (envelopes: readonly IntegrationEnvelope[], topic: string) => Promise<void>;
  /** Whether a topic's events go to `handleBatch` (default: none). */
  readonly batches?: (topic: string) => boolean;
  /** The most events handed to `handleBatch` at once (default 500). */
  readonly maxBatchSize?: number;
  /**
   * Classifies a handler's error when the default does not know better (return undefined to keep the default:
   * `PoisonMessageError` is poison with its reason, everything else is transient).
   */
  readonly classify?: (error: unknown, envelope: IntegrationEnvelope) => FailureClass | undefined;
  /** Where messages that can never be processed go; default `<groupId>.dlq`. */
  readonly deadLetterTopic?: string;
  /** Replayed dead letters, read by this group only; default `<groupId>.replay` (see `replayDeadLetters`). */
  readonly replayTopic?: string;
  /** Replication factor of the dead-letter and replay topics when this consumer creates them (3 on a cluster). */
  readonly replicationFactor?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** How often a consumer blocked on a message tells the group it is alive, so no rebalance is triggered. */
  readonly heartbeatIntervalMs?: number;
  readonly fromBeginning?: boolean;
  /**
   * Partitions handled at once (default 6, the platform's partitions per topic). Each partition stays in order;
   * a stream's events are on one partition (the key is the stream id), so handlers of different partitions never
   * touch the same stream. One at a time, a projection drained about 300 events/s on the embedded database.
   */
  readonly partitionsConsumedConcurrently?: number;
  readonly logger?: Pick<Console, 'warn' | 'error'>;
}

export interface ConsumerLag {
  readonly total: number;
  readonly byPartition: ReadonlyArray<{ topic: string; partition: number; lag: number }>;
}

const DEFAULT_RETRY: RetryPolicy = { initialDelayMs: 100, maxDelayMs: 5_000 };
/** While a partition stays blocked, its state is logged again this often (not at every attempt). */
const BLOCKED_LOG_INTERVAL_MS = 30_000;
/** Heartbeat errors meaning this member no longer owns its partitions: stop retrying, let kafkajs rejoin. */
const MEMBERSHIP_LOST = new Set([
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
  'NOT_COORDINATOR_FOR_GROUP',
  'FENCED_INSTANCE_ID',
]);

/**
 * Ends the handling of a message without finishing it (the consumer stops). A retriable KafkaJSError: kafkajs
 * neither logs it as a handler failure nor crashes the consumer; the message's offset is not committed.
 */
class ConsumerStopping extends KafkaJSError {
  constructor() {
    super('the consumer is stopping', { retriable: true });
  }
}

/** Thrown inside the retry loop once the message's handling was interrupted: the loop must not retry it. */
class Interrupted extends Error {}

/** What a message turned out to be, once an attempt got that far. */
type Outcome =
  | { readonly kind: 'handled' }
  | { readonly kind: 'poison'; readonly reason: DeadLetterReason; readonly error: unknown; readonly attempts: number };

/** Where a message was published: its own coordinates, or for a replayed dead letter those in its headers. */
interface Origin {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * Consumes integration events for projections and analytics, with what Nest's Kafka transport lacks.
 *
 * - A transient failure (database or broker unavailable, timeouts, "database is locked", anything not known to
 *   be deterministic) is retried with exponential backoff (capped at 5 s) for as long as it lasts. The consumer
 *   does not move past the message — its partition is paused in effect — and heartbeats meanwhile, so the group
 *   keeps it. A rebalance or `stop()` ends the wait without committing the message, which is then redelivered.
 * - A message that can never be processed (undecodable, or the handler throws `PoisonMessageError`, or
 *   `classify` says so) goes to the dead-letter topic at once, and the partition moves on.
 * - Dead letters are replayed through the group's replay topic once fixed (`replayDeadLetters`,
 *   `npm run dlq:replay`); they are dispatched as if from their original topic.
 * - Topics whose handler folds batches (`handleBatch`) get up to 500 events of one partition at once; a batch that
 *   fails in any way goes again one message at a time, with the retries and dead letters above.
 * - Counters and blocked partitions per group in `consumerHealthOf(groupId)` (Prometheus via `serviceMetrics`).
 *
 * Logs carry topic, partition, offset, event type and the error message — never the payload.
 * Delivery is at-least-once; handlers make it effectively-once (position-guarded projections).
 */
export class EventConsumer {
  private consumer: Consumer | null = null;
  private dlqProducer: Producer | null = null;
  private stopping = new AbortController();
  private readonly processed = new Map<string, string>();
  private readonly retryPolicy: CockatielRetryPolicy;
  private readonly deadLetterTopic: string;
  private readonly replayTopic: string;
  private readonly logger: Pick<Console, 'warn' | 'error'>;
  private readonly health: ConsumerHealth;
  /** Messages this instance dead-lettered. */
  deadLettered = 0;

  constructor(private readonly options: EventConsumerOptions) {
    const { initialDelayMs, maxDelayMs } = { ...DEFAULT_RETRY, ...options.retry };
    // Retries everything but an interruption; `execute` stops retrying once its signal is aborted.
    this.retryPolicy = retry(
      handleWhen((error) => !(error instanceof Interrupted)),
      { backoff: new ExponentialBackoff({ initialDelay: initialDelayMs, maxDelay: maxDelayMs }) },
    );
    this.deadLetterTopic = options.deadLetterTopic ?? deadLetterTopicOf(options.groupId);
    this.replayTopic = options.replayTopic ?? replayTopicOf(options.groupId);
    this.logger = options.logger ?? console;
    this.health = consumerHealthOf(options.groupId);
  }

  async start(): Promise<void> {
    const { kafka } = this.options;
    this.stopping = new AbortController();
    const admin = kafka.admin();
    await admin.connect();
    try {
      const replicationFactor = this.options.replicationFactor ?? 1;
      await ensureTopics(admin, [
        ...this.options.topics.map((topic) => ({ topic, numPartitions: DOMAIN_TOPIC_PARTITIONS, replicationFactor })),
        ...[this.deadLetterTopic, this.replayTopic].map((topic) => ({ topic, numPartitions: 3, replicationFactor })),
      ]);
    } finally {
      await admin.disconnect();
    }
    await this.deadLetterProducer();
    this.consumer = kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      retry: { retries: 10 },
    });
    // A batch of transaction markers only (the replay topic is written in transactions) has nothing to handle, but
    // the position moves past it: without this, lag would count each marker forever.
    this.consumer.on(this.consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (payload.batchSize === 0) this.markProcessed(payload.topic, payload.partition, payload.lastOffset);
    });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [...this.options.topics, this.replayTopic],
      fromBeginning: this.options.fromBeginning ?? true,
    });
    const partitionsConsumedConcurrently = this.options.partitionsConsumedConcurrently ?? 6;
    // kafkajs's eachBatch only for a consumer that folds batches; the others keep eachMessage, whose redeliveries
    // under load were rarer here (a replay test saw a handled message again in 2 of ~10 runs on eachBatch beside a
    // CPU hog, in 0 of 20 on eachMessage)
    await this.consumer.run(
      this.options.handleBatch
        ? {
            autoCommit: true,
            eachBatchAutoResolve: false,
            partitionsConsumedConcurrently,
            eachBatch: (payload) => this.onBatch(payload),
          }
        : { autoCommit: true, partitionsConsumedConcurrently, eachMessage: (payload) => this.onMessage(payload) },
    );
  }

  /** Stops consuming. A message being retried is left unfinished (not committed): the group gets it again. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.consumer?.disconnect().catch(() => undefined);
    await this.dlqProducer?.disconnect().catch(() => undefined);
    this.consumer = null;
    this.dlqProducer = null;
  }

  /** Dead letters, transient retries, replays and blocked partitions of this consumer's group in this process. */
  status(): ConsumerHealthSnapshot {
    return this.health.snapshot();
  }

  /** Messages on the broker that this consumer has not processed yet (replayed dead letters included). */
  async lag(): Promise<ConsumerLag> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const topics = [...this.options.topics, this.replayTopic];
      const byPartition: Array<{ topic: string; partition: number; lag: number }> = [];
      const committed = await admin.fetchOffsets({ groupId: this.options.groupId, topics });
      for (const topic of topics) {
        const ends = await admin.fetchTopicOffsets(topic).catch(() => []); // a replay topic from before this version may be missing
        const group = committed.find((c) => c.topic === topic);
        for (const end of ends) {
          const local = this.processed.get(`${topic}:${end.partition}`);
          const fromGroup = group?.partitions.find((p) => p.partition === end.partition)?.offset;
          // Both are lower bounds of the position: what this instance processed, and what the group committed
          // (which also moves past transaction markers, e.g. on the replay topic).
          const next = Math.max(local !== undefined ? Number(local) + 1 : 0, Number(fromGroup ?? -1), Number(end.low));
          byPartition.push({ topic, partition: end.partition, lag: Math.max(0, Number(end.high) - next) });
        }
      }
      return { total: byPartition.reduce((sum, p) => sum + p.lag, 0), byPartition };
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Handles what one fetch brought from one partition, in order: in chunks through `handleBatch` when the topic is
   * batched, else (or when a chunk fails) one message at a time. Each message or chunk done moves the partition's
   * resolved offset; a throw leaves the rest unresolved, and kafkajs fetches it again.
   */
  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const { topic, partition } = batch;
    const heartbeat = () => payload.heartbeat();
    const running = () => payload.isRunning() && !payload.isStale();
    const batched = topic !== this.replayTopic && !!this.options.handleBatch && !!this.options.batches?.(topic);
    const size = batched ? Math.max(1, this.options.maxBatchSize ?? 500) : 1;
    for (let from = 0; from < batch.messages.length; from += size) {
      if (!running()) return;
      const chunk = batch.messages.slice(from, from + size);
      if (chunk.length > 1 && (await this.attemptBatch(topic, partition, chunk, heartbeat))) {
        const last = chunk[chunk.length - 1]!.offset;
        this.markProcessed(topic, partition, last);
        payload.resolveOffset(last);
      } else {
        for (const message of chunk) {
          if (!running()) return;
          await this.onMessage({ topic, partition, message, heartbeat });
          payload.resolveOffset(message.offset);
        }
      }
      await payload.commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  /** One attempt at a chunk through `handleBatch`: true when it was handled, false to go one message at a time. */
  private async attemptBatch(
    topic: string,
    partition: number,
    messages: readonly KafkaMessage[],
    heartbeat: () => Promise<void>,
  ): Promise<boolean> {
    let envelopes: IntegrationEnvelope[];
    try {
      envelopes = messages.map((message) => parseEnvelope(message.value));
    } catch {
      return false; // the undecodable message is dead-lettered on the way one at a time
    }
    const beat = setInterval(() => void heartbeat().catch(() => undefined), this.options.heartbeatIntervalMs ?? 2_000);
    try {
      await this.options.handleBatch!(envelopes, topic);
      return true;
    } catch (error) {
      this.logger.warn(
        `[consumer ${this.options.groupId}] ${topic}/${partition}@${messages[0]!.offset}..${messages[messages.length - 1]!.offset}: a batch of ${messages.length} failed, handled one at a time: ${describe(error)}`,
      );
      return false;
    } finally {
      clearInterval(beat);
    }
  }

  /**
   * Handles one message until it is done: handled, or dead-lettered. Returning tells kafkajs to move past it; so
   * every other way out is a throw, which kafkajs answers by not committing this offset and fetching the message
   * again (after rejoining the group, for a rebalance).
   */
  private async onMessage(
    payload: Pick<EachMessagePayload, 'topic' | 'partition' | 'message' | 'heartbeat'>,
  ): Promise<void> {
    const { topic, partition, message } = payload;
    const interruption = new AbortController();
    const onStop = () => interruption.abort(new ConsumerStopping());
    const stopping = this.stopping.signal;
    if (stopping.aborted) onStop();
    else stopping.addEventListener('abort', onStop, { once: true });
    // Heartbeats while a handler runs or the message waits for its next attempt: a slow or blocked partition causes
    // no rebalance. A heartbeat that finds the group rebalancing (or this member gone) interrupts the wait.
    const beat = setInterval(() => {
      payload.heartbeat().catch((error: unknown) => {
        if (MEMBERSHIP_LOST.has(String((error as { type?: unknown }).type))) interruption.abort(error);
      });
    }, this.options.heartbeatIntervalMs ?? 2_000);
    try {
      await this.processUntilDone(topic, partition, message, interruption.signal);
      this.markProcessed(topic, partition, message.offset);
    } finally {
      clearInterval(beat);
      stopping.removeEventListener('abort', onStop);
      this.health.unblocked({ topic, partition });
    }
  }

  private markProcessed(topic: string, partition: number, offset: string): void {
    const key = `${topic}:${partition}`;
    const previous = this.processed.get(key);
    if (previous === undefined || Number(offset) > Number(previous)) this.processed.set(key, offset);
  }

  private async processUntilDone(
    topic: string,
    partition: number,
    message: KafkaMessage,
    signal: AbortSignal,
  ): Promise<void> {
    const at = { topic, partition, offset: message.offset };
    const replayed = topic === this.replayTopic;
    const origin = replayed ? originInHeaders(message) : at;
    const eventType = headerText(message.headers, 'event-type') ?? 'unknown type';
    const where = `${topic}/${partition}@${message.offset}${replayed && origin ? ` (dead letter of ${origin.topic}/${origin.partition}@${origin.offset})` : ''} ${eventType}`;
    let outcome = null as Outcome | null; // set by the first attempt that gets past the handler
    let attempts = 0;
    let failures = 0;
    let firstFailureAt = 0;
    let loggedAt = 0;
    try {
      await this.retryPolicy.execute(async () => {
        if (signal.aborted) throw new Interrupted();
        try {
          if (!outcome) {
            attempts += 1;
            outcome = await this.attempt(message, origin, attempts);
          }
          if (outcome.kind === 'poison') await this.deadLetter(message, origin ?? at, outcome, where);
        } catch (error) {
          failures += 1;
          const now = Date.now();
          if (failures === 1) firstFailureAt = now;
          const blocked = this.health.failedTransiently(at, describe(error));
          if (failures === 1 || now - loggedAt >= BLOCKED_LOG_INTERVAL_MS) {
            loggedAt = now;
            this.logger.warn(
              failures === 1
                ? `[consumer ${this.options.groupId}] ${where} failed transiently, retrying until it succeeds (the partition waits): ${blocked.lastError}`
                : `[consumer ${this.options.groupId}] ${where} still failing after ${failures} attempts over ${Math.round((now - firstFailureAt) / 1000)} s: ${blocked.lastError}`,
            );
          }
          throw error;
        }
      }, signal);
    } catch (error) {
      // Only an interruption ends the loop without an outcome: give the message back unfinished.
      if (signal.aborted) throw signal.reason;
      throw error;
    }
    if (failures > 0) {
      this.logger.warn(
        `[consumer ${this.options.groupId}] ${where} went through after ${failures} transient failures over ${Math.round((Date.now() - firstFailureAt) / 1000)} s`,
      );
    }
    if (replayed && outcome?.kind === 'handled') this.health.replayHandled();
  }

  /** One attempt: decode and handle. Resolves with what the message is; throws on a transient failure. */
  private async attempt(message: KafkaMessage, origin: Origin | null, attempts: number): Promise<Outcome> {
    let envelope: IntegrationEnvelope;
    try {
      if (!origin) throw new Error(`a replayed message without the ${DLQ_HEADERS.originalTopic} header`);
      envelope = parseEnvelope(message.value);
    } catch (error) {
      return { kind: 'poison', reason: 'undecodable', error, attempts: 0 };
    }
    try {
      await this.options.handle(envelope, origin.topic);
      return { kind: 'handled' };
    } catch (error) {
      const failure = this.classify(error, envelope);
      if (failure === 'transient') throw error;
      return { kind: 'poison', reason: failure, error, attempts };
    }
  }

  private classify(error: unknown, envelope: IntegrationEnvelope): FailureClass {
    let custom: FailureClass | undefined;
    try {
      custom = this.options.classify?.(error, envelope);
    } catch {
      custom = undefined; // a failing classifier must not turn a transient failure into a dead letter
    }
    if (custom) return custom;
    return isPoisonMessage(error) ? error.reason : 'transient';
  }

  private async deadLetterProducer(): Promise<Producer> {
    if (!this.dlqProducer) {
      const producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      this.dlqProducer = producer;
    }
    return this.dlqProducer;
  }

  private async deadLetter(
    message: KafkaMessage,
    origin: Origin,
    outcome: Extract<Outcome, { kind: 'poison' }>,
    where: string,
  ): Promise<void> {
    const error = describe(outcome.error);
    const producer = await this.deadLetterProducer();
    await producer
      .send({
        topic: this.deadLetterTopic,
        acks: -1,
        messages: [
          {
            key: message.key,
            value: message.value,
            headers: {
              ...message.headers,
              [DLQ_HEADERS.originalTopic]: origin.topic,
              [DLQ_HEADERS.originalPartition]: String(origin.partition),
              [DLQ_HEADERS.originalOffset]: origin.offset,
              [DLQ_HEADERS.reason]: outcome.reason,
              [DLQ_HEADERS.error]: error.slice(0, 1000),
              [DLQ_HEADERS.attempts]: String(outcome.attempts),
              [DLQ_HEADERS.group]: this.options.groupId,
              [DLQ_HEADERS.deadLetteredAt]: new Date().toISOString(),
            },
          },
        ],
      })
      .catch(async (sendError: unknown) => {
        // a fresh producer for the next attempt: an idempotent producer can stay broken after a broker outage
        this.dlqProducer = null;
        await producer.disconnect().catch(() => undefined);
        throw sendError;
      });
    this.deadLettered += 1;
    this.health.deadLettered(outcome.reason);
    this.logger.error(
      `[consumer ${this.options.groupId}] dead-lettered ${where} to ${this.deadLetterTopic} (${outcome.reason}): ${error}`,
    );
  }
}

function originInHeaders(message: KafkaMessage): Origin | null {
  const topic = headerText(message.headers, DLQ_HEADERS.originalTopic);
  if (!topic) return null;
  return {
    topic,
    partition: Number(headerText(message.headers, DLQ_HEADERS.originalPartition) ?? -1),
    offset: headerText(message.headers, DLQ_HEADERS.originalOffset) ?? '-1',
  };
}

/** An error for logs and headers: its name and message, never the data it was about. */
function describe(error: unknown): string {
  if (error instanceof Error) {
    return (error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message).slice(0, 500);
  }
  return String(error).slice(0, 500);
}
