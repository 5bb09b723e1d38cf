import { Kafka, logLevel } from 'kafkajs';
import { type MongoEventStore, type RecordedEvent } from '@lianjian/event-store';
import { type LogProjection } from '../log-projection';
import { serviceMetrics } from '../metrics';
import { OutboxRelay } from '../outbox-relay';
import { KafkaEventTransport } from './kafka-event-transport';

export interface ServiceWorkersOptions {
  readonly service: string;
  readonly kafkaBrokers: readonly string[];
  /** Deployment prefix of topics and consumer groups. */
  readonly topicPrefix: string;
  readonly replicationFactor: number;
  readonly store: MongoEventStore;
  /** The topic (without prefix) a stored event is published to, or null to keep it in the service. */
  readonly topicFor: (event: RecordedEvent) => string | null;
  readonly publishes: readonly string[];
  /** The consumer group (without prefix) and the topics its `@EventPattern` handlers read. */
  readonly consumerGroup: string;
  readonly consumes: readonly string[];
  /** The service's projection of its own log: caught up periodically (commits of other instances included). */
  readonly projection: LogProjection;
}

/**
 * A service's background work: the outbox relay (store → Kafka), the Kafka transport its projections consume
 * through (a Nest microservice), and a periodic catch-up of the current state every half second.
 */
export class ServiceWorkers {
  readonly relay: OutboxRelay;
  readonly transport: KafkaEventTransport;
  private timer: NodeJS.Timeout | null = null;
  private started = false;

  constructor(private readonly options: ServiceWorkersOptions) {
    const kafka = new Kafka({
      clientId: `lianjian-${options.service}`,
      brokers: [...options.kafkaBrokers],
      logLevel: logLevel.ERROR,
    });
    const topic = (name: string) => `${options.topicPrefix}${name}`;
    this.relay = new OutboxRelay({
      service: options.service,
      store: options.store,
      db: options.store.commits.db,
      kafka,
      topicFor: (event) => {
        const name = options.topicFor(event);
        return name ? topic(name) : null;
      },
      topics: options.publishes.map((name) => ({ name: topic(name), partitions: 6 })),
      replicationFactor: options.replicationFactor,
      batchSize: 1000, // fewer reads of the commits when a bulk import's backlog drains
    });
    this.transport = new KafkaEventTransport({
      kafka,
      groupId: topic(options.consumerGroup),
      topics: options.consumes,
      topicPrefix: options.topicPrefix,
      replicationFactor: options.replicationFactor, // its dead-letter and replay topics, like the published ones
    });
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.options.projection.catchUp();
    this.relay.start();
    this.timer = setInterval(
      () =>
        void this.options.projection
          .catchUp()
          .catch((e: unknown) => console.error(`[${this.options.service}] catch-up failed`, e)),
      500,
    );
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.relay.stop();
    await this.options.projection.stop(); // another instance takes the projection over at once
  }

  metrics(): Promise<string> {
    return serviceMetrics({
      service: this.options.service,
      store: this.options.store,
      relay: this.relay,
      projectionPosition: () => this.options.projection.position(),
      consumer: this.options.consumerGroup,
      consumerLag: () => this.transport.lag(),
    });
  }
}
