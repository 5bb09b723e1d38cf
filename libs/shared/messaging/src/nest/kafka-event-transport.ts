import { type CustomTransportStrategy, EventPattern, type MessageHandler, Server } from '@nestjs/microservices';
import { type Kafka } from 'kafkajs';
import { type IntegrationEnvelope } from '../envelope';
import { type ConsumerLag, EventConsumer, type EventConsumerOptions, type RetryPolicy } from '../event-consumer';
import { type ConsumerHealthSnapshot } from '../consumer-health';

export interface KafkaEventTransportOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  /** Topic names as published; `@EventPattern` handlers name them without the deployment's prefix. */
  readonly topics: readonly string[];
  readonly topicPrefix?: string;
  readonly retry?: Partial<RetryPolicy>;
  /** See `EventConsumerOptions.classify`. */
  readonly classify?: EventConsumerOptions['classify'];
  /** Replication factor of the dead-letter and replay topics the consumer creates. */
  readonly replicationFactor?: number;
  /** Where retries and dead letters are logged (default: the console). */
  readonly logger?: EventConsumerOptions['logger'];
}

const BATCH = 'lianjianBatch';

/**
 * Declares a handler of a topic's events in batches: it receives `IntegrationEnvelope[]`, several events of one
 * partition in order (see `EventConsumerOptions.handleBatch`: a batch that fails is handed again one event at a
 * time, as a one-element array, so the handler must be idempotent).
 */
export const EventBatchPattern = (topic: string): MethodDecorator => EventPattern<string>(topic, { [BATCH]: true });

/**
 * A NestJS microservice transport over `EventConsumer`: controllers declare `@EventPattern('<topic>')` handlers;
 * each message of that topic is dispatched with its envelope (a replayed dead letter too, under its original
 * topic). Unlike Nest's built-in Kafka transport, a handler failing transiently is retried with backoff for as long
 * as it fails (the partition waits, heartbeating), a message that can never be processed goes to the dead-letter
 * topic at once, and lag is measurable.
 *
 * Nest's RPC exception layer hands a failing handler's error to the exception filters; unless a filter rethrows the
 * original error, what comes back is Nest's `{ status: 'error', message }` object, which this transport reports as
 * a transient failure (the original error is then only in Nest's log).
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;
  private consumer: EventConsumer | null = null;

  constructor(private readonly options: KafkaEventTransportOptions) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    const prefix = this.options.topicPrefix ?? '';
    const previous = this.consumer; // a start that failed is retried with a fresh consumer
    void previous?.stop();
    this.consumer = new EventConsumer({
      kafka: this.options.kafka,
      groupId: this.options.groupId,
      topics: this.options.topics.map((t) => `${prefix}${t}`),
      ...(this.options.retry ? { retry: this.options.retry } : {}),
      ...(this.options.classify ? { classify: this.options.classify } : {}),
      ...(this.options.replicationFactor ? { replicationFactor: this.options.replicationFactor } : {}),
      ...(this.options.logger ? { logger: this.options.logger } : {}),
      handle: (envelope, topic) => {
        const pattern = topic.slice(prefix.length);
        return this.dispatch(pattern, this.batched(pattern) ? [envelope] : envelope);
      },
      // batches only for a service with a batch handler (see EventConsumer.start)
      ...([...this.messageHandlers.keys()].some((pattern) => this.batched(pattern))
        ? {
            handleBatch: (envelopes: readonly IntegrationEnvelope[], topic: string) =>
              this.dispatch(topic.slice(prefix.length), envelopes),
            batches: (topic: string) => this.batched(topic.slice(prefix.length)),
          }
        : {}),
    });
    this.consumer.start().then(() => callback(), callback);
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = null;
  }

  lag(): Promise<ConsumerLag> {
    return this.consumer ? this.consumer.lag() : Promise.resolve({ total: 0, byPartition: [] });
  }

  /** Dead letters, transient retries and blocked partitions of the consumer group (null before `listen`). */
  consumerStatus(): ConsumerHealthSnapshot | null {
    return this.consumer?.status() ?? null;
  }

  on(): never {
    throw new Error('KafkaEventTransport has no events to subscribe to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private batched(pattern: string): boolean {
    return this.getHandlerByPattern(pattern)?.extras?.[BATCH] === true;
  }

  private async dispatch(
    pattern: string,
    payload: IntegrationEnvelope | readonly IntegrationEnvelope[],
  ): Promise<void> {
    const handler: MessageHandler | null = this.getHandlerByPattern(pattern);
    if (!handler) return;
    try {
      const result: unknown = await handler(payload);
      if (result && typeof (result as { subscribe?: unknown }).subscribe === 'function') {
        const { lastValueFrom } = await import('rxjs');
        await lastValueFrom(result as import('rxjs').Observable<unknown>, { defaultValue: undefined });
      }
    } catch (error) {
      throw asError(error);
    }
  }
}

/** Nest's RPC exception layer rejects with a plain `{ status, message }`: keep an Error for logs and classification. */
function asError(error: unknown): unknown {
  if (error instanceof Error) return error;
  const message = (error as { message?: unknown } | null)?.message;
  return new Error(`event handler failed: ${typeof message === 'string' ? message : String(error)}`);
}
