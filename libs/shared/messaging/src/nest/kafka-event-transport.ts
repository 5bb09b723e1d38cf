import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { type Kafka } from 'kafkajs';
import { type IntegrationEnvelope } from '../envelope';
import { type ConsumerLag, EventConsumer, type RetryPolicy } from '../event-consumer';

export interface KafkaEventTransportOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  /** Topic names as published; `@EventPattern` handlers name them without the deployment's prefix. */
  readonly topics: readonly string[];
  readonly topicPrefix?: string;
  readonly retry?: Partial<RetryPolicy>;
}

/**
 * A NestJS microservice transport over `EventConsumer`: controllers declare `@EventPattern('<topic>')` handlers;
 * each message of that topic is dispatched with its envelope. Unlike Nest's built-in Kafka transport, a failing
 * handler is retried with backoff and then dead-lettered (never blocking its partition), slow handlers keep
 * heartbeating, and lag is measurable.
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
      handle: (envelope, topic) => this.dispatch(topic.slice(prefix.length), envelope),
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

  on(): never {
    throw new Error('KafkaEventTransport has no events to subscribe to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async dispatch(pattern: string, envelope: IntegrationEnvelope): Promise<void> {
    const handler: MessageHandler | null = this.getHandlerByPattern(pattern);
    if (!handler) return;
    const result: unknown = await handler(envelope);
    if (result && typeof (result as { subscribe?: unknown }).subscribe === 'function') {
      const { lastValueFrom } = await import('rxjs');
      await lastValueFrom(result as import('rxjs').Observable<unknown>, { defaultValue: undefined });
    }
  }
}
