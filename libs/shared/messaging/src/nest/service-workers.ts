import { Logger } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { type Registry } from 'prom-client';
import { type MongoEventStore, type RecordedEvent } from '@lianjian/event-store';
import { type LogProjection } from '../log-projection';
import { METRICS_CONTENT_TYPE, serviceMetricsRegistry } from '../metrics';
import { OutboxRelay } from '../outbox-relay';
import { DOMAIN_TOPIC_PARTITIONS } from '../topics';
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
  /** The service's metrics (prom-client), rendered at `/metrics`. */
  readonly registry: Registry;
  readonly metricsContentType = METRICS_CONTENT_TYPE;
  /** Nest's logger: the app's (pino, JSON lines) once it has one. */
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private started = false;

  constructor(private readonly options: ServiceWorkersOptions) {
    this.logger = new Logger(options.service);
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
      topics: options.publishes.map((name) => ({ name: topic(name), partitions: DOMAIN_TOPIC_PARTITIONS })),
      replicationFactor: options.replicationFactor,
      batchSize: 1000, // fewer reads of the commits when a bulk import's backlog drains
      logger: this.logger,
    });
    this.transport = new KafkaEventTransport({
      kafka,
      groupId: topic(options.consumerGroup),
      topics: options.consumes,
      topicPrefix: options.topicPrefix,
      replicationFactor: options.replicationFactor, // its dead-letter and replay topics, like the published ones
      logger: this.logger, // retries and dead letters as JSON lines too (never a payload)
    });
    this.registry = serviceMetricsRegistry({
      service: options.service,
      store: options.store,
      relay: this.relay,
      projectionPosition: () => options.projection.position(),
      consumer: options.consumerGroup,
      consumerLag: () => this.transport.lag(),
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
          .catch((e: unknown) =>
            this.logger.error(`catch-up failed: ${String(e)}`, e instanceof Error ? e.stack : undefined),
          ),
      500,
    );
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.relay.stop();
    await this.options.projection.stop(); // another instance takes the projection over at once
  }

  /** Prometheus text of the service's registry. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
