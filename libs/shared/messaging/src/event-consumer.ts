import { type Consumer, type EachMessagePayload, type Kafka, type Producer } from 'kafkajs';
import { type IntegrationEnvelope, parseEnvelope } from './envelope';

export interface RetryPolicy {
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export interface EventConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly handle: (envelope: IntegrationEnvelope, topic: string) => Promise<void>;
  /** Where poison messages go after the retries; default `<groupId>.dlq`. */
  readonly deadLetterTopic?: string;
  readonly retry?: Partial<RetryPolicy>;
  /** How often a running handler tells the group it is alive, so slow handlers cause no rebalance. */
  readonly heartbeatIntervalMs?: number;
  readonly fromBeginning?: boolean;
  readonly logger?: Pick<Console, 'warn' | 'error'>;
}

export interface ConsumerLag {
  readonly total: number;
  readonly byPartition: ReadonlyArray<{ topic: string; partition: number; lag: number }>;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, initialDelayMs: 100, maxDelayMs: 5_000 };

/**
 * Consumes integration events for projections and analytics, with what Nest's Kafka transport lacks:
 * retries with exponential backoff, a dead-letter topic for poison messages (so one bad message never
 * blocks its partition), heartbeats while a slow handler runs, and lag figures.
 * Delivery is at-least-once; make handlers effectively-once with position-guarded updates
 * (see `applyIfNewer`).
 */
export class EventConsumer {
  private consumer: Consumer | null = null;
  private dlqProducer: Producer | null = null;
  private readonly processed = new Map<string, string>();
  private readonly retry: RetryPolicy;
  private readonly deadLetterTopic: string;
  private readonly logger: Pick<Console, 'warn' | 'error'>;
  deadLettered = 0;

  constructor(private readonly options: EventConsumerOptions) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.deadLetterTopic = options.deadLetterTopic ?? `${options.groupId}.dlq`;
    this.logger = options.logger ?? console;
  }

  async start(): Promise<void> {
    const { kafka } = this.options;
    const admin = kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = [...this.options.topics, this.deadLetterTopic].filter((t) => !existing.has(t));
      if (missing.length > 0) {
        await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })) });
      }
    } finally {
      await admin.disconnect();
    }
    this.dlqProducer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.dlqProducer.connect();
    this.consumer = kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      retry: { retries: 10 },
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({ autoCommit: true, eachMessage: (payload) => this.onMessage(payload) });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.dlqProducer?.disconnect().catch(() => undefined);
    this.consumer = null;
    this.dlqProducer = null;
  }

  /** Messages on the broker that this consumer has not processed yet. */
  async lag(): Promise<ConsumerLag> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const byPartition: Array<{ topic: string; partition: number; lag: number }> = [];
      const committed = await admin.fetchOffsets({ groupId: this.options.groupId, topics: [...this.options.topics] });
      for (const topic of this.options.topics) {
        const ends = await admin.fetchTopicOffsets(topic);
        const group = committed.find((c) => c.topic === topic);
        for (const end of ends) {
          const local = this.processed.get(`${topic}:${end.partition}`);
          const fromGroup = group?.partitions.find((p) => p.partition === end.partition)?.offset;
          const next = local !== undefined ? Number(local) + 1 : Math.max(Number(fromGroup ?? end.low), Number(end.low));
          byPartition.push({ topic, partition: end.partition, lag: Math.max(0, Number(end.high) - next) });
        }
      }
      return { total: byPartition.reduce((sum, p) => sum + p.lag, 0), byPartition };
    } finally {
      await admin.disconnect();
    }
  }

  private async onMessage(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    const heartbeat = () => payload.heartbeat();
    const beat = setInterval(() => void heartbeat().catch(() => undefined), this.options.heartbeatIntervalMs ?? 2_000);
    try {
      let envelope: IntegrationEnvelope;
      try {
        envelope = parseEnvelope(message.value);
      } catch (error) {
        await this.deadLetter(topic, partition, message, error, 0);
        return;
      }
      let delay = this.retry.initialDelayMs;
      for (let attempt = 1; ; attempt += 1) {
        try {
          await this.options.handle(envelope, topic);
          break;
        } catch (error) {
          if (attempt >= this.retry.attempts) {
            await this.deadLetter(topic, partition, message, error, attempt);
            break;
          }
          await new Promise((r) => setTimeout(r, delay));
          await heartbeat().catch(() => undefined);
          delay = Math.min(delay * 2, this.retry.maxDelayMs);
        }
      }
    } finally {
      clearInterval(beat);
      this.processed.set(`${topic}:${partition}`, message.offset);
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: EachMessagePayload['message'],
    error: unknown,
    attempts: number,
  ): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.error(`[consumer ${this.options.groupId}] dead-lettering ${topic}/${partition}@${message.offset}: ${reason}`);
    await this.dlqProducer!.send({
      topic: this.deadLetterTopic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'dlq-original-topic': topic,
            'dlq-original-partition': String(partition),
            'dlq-original-offset': message.offset,
            'dlq-error': reason.slice(0, 1000),
            'dlq-attempts': String(attempts),
          },
        },
      ],
    });
    this.deadLettered += 1;
  }
}
