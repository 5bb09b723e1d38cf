import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { type MongoEventStore } from '@lianjian/event-store';
import { type ConsumerHealthSnapshot, DEAD_LETTER_REASONS, consumerHealthSnapshots } from './consumer-health';
import { type OutboxRelay } from './outbox-relay';

export interface ServiceMetricsSource {
  readonly service: string;
  readonly store: MongoEventStore;
  readonly relay: OutboxRelay;
  /** The current-state projection's checkpoint (global position). */
  readonly projectionPosition: () => Promise<number>;
  /** The service's consumer group, without the deployment's topic prefix. */
  readonly consumer: string;
  readonly consumerLag: () => Promise<{ total: number }>;
}

/** The content type of the Prometheus text a registry renders. */
export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** One read shared by every metric of a scrape (prom-client collects them concurrently): fresh at the next. */
function perScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= read().finally(() => {
      pending = null;
    });
    return pending;
  };
}

/**
 * A service's prom-client registry: its event pipeline (store head, relay lag and leadership, projection and
 * consumer lag), the health of its consumer group in this process (dead letters, transient retries, blocked
 * partitions; see `registerConsumerMetrics`), and Node's default process metrics, every one labelled with the
 * service. Values are read when Prometheus scrapes (`registry.metrics()`), never kept twice.
 */
export function serviceMetricsRegistry(source: ServiceMetricsSource): Registry {
  const registry = new Registry();
  const service = source.service;
  const pipeline = perScrape(async () => {
    const [relay, lag, projected, head] = await Promise.all([
      source.relay.status(),
      source.consumerLag().catch(() => ({ total: -1 })),
      source.projectionPosition(),
      source.store.headPosition(),
    ]);
    return { relay, lag, projected, head };
  });
  const gauge = (name: string, help: string, labels: Record<string, string>, value: (p: PipelineSample) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['service', ...Object.keys(labels)],
      registers: [registry],
      async collect() {
        this.set({ service, ...labels }, value(await pipeline()));
      },
    });
  type PipelineSample = Awaited<ReturnType<typeof pipeline>>;
  gauge('lianjian_event_store_head_position', 'Global position of the last commit.', {}, (p) => p.head);
  gauge('lianjian_relay_lag_commits', 'Commits written but not yet acknowledged by Kafka.', {}, (p) => p.relay.lag);
  gauge('lianjian_relay_leader', 'Whether this instance holds the relay lease (1) or not (0).', {}, (p) =>
    p.relay.leader ? 1 : 0,
  );
  gauge(
    'lianjian_projection_lag_commits',
    'Commits not yet in the current-state projection.',
    { projection: 'current-state' },
    (p) => p.head - p.projected,
  );
  gauge(
    'lianjian_consumer_lag_messages',
    'Messages on Kafka not yet processed by the consumer.',
    { consumer: source.consumer },
    (p) => p.lag.total,
  );
  registerConsumerMetrics(
    registry,
    () => consumerHealthSnapshots().filter((c) => c.groupId.endsWith(source.consumer)),
    {
      service,
    },
  );
  collectDefaultMetrics({ register: registry, labels: { service } });
  return registry;
}

interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

interface ConsumerMetric {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge';
  /** Labels besides `group`. */
  readonly labels: readonly string[];
  readonly samples: (group: ConsumerHealthSnapshot) => readonly Sample[];
}

/** The consumer-health metrics, defined once for the registry and for the text of `consumerMetrics`. */
const CONSUMER_METRICS: readonly ConsumerMetric[] = [
  {
    // the counters mirror ConsumerHealth's, which only ever go up for the life of the process
    name: 'lianjian_consumer_dead_letters_total',
    help: 'Messages sent to the dead-letter topic, by reason.',
    type: 'counter',
    labels: ['reason'],
    samples: (g) => DEAD_LETTER_REASONS.map((reason) => ({ labels: { reason }, value: g.deadLetters[reason] })),
  },
  {
    name: 'lianjian_consumer_transient_retries_total',
    help: 'Attempts at a message that failed transiently and were retried.',
    type: 'counter',
    labels: [],
    samples: (g) => [{ labels: {}, value: g.transientRetries }],
  },
  {
    name: 'lianjian_consumer_replayed_total',
    help: 'Dead letters replayed through the replay topic and handled.',
    type: 'counter',
    labels: [],
    samples: (g) => [{ labels: {}, value: g.replayed }],
  },
  {
    name: 'lianjian_consumer_blocked_partitions',
    help: 'Partitions waiting on a message that keeps failing transiently.',
    type: 'gauge',
    labels: [],
    samples: (g) => [{ labels: {}, value: g.blocked.length }],
  },
  {
    name: 'lianjian_consumer_blocked_since_seconds',
    help: 'When the message a blocked partition waits on first failed (Unix time).',
    type: 'gauge',
    labels: ['topic', 'partition'],
    samples: (g) =>
      g.blocked.map((b) => ({ labels: { topic: b.topic, partition: String(b.partition) }, value: b.since / 1000 })),
  },
];

/**
 * Registers the health of consumer groups (`EventConsumer` records it per group) in a registry: dead letters by
 * reason (`undecodable`, `invalid`, `refused`), transient failures retried, dead letters replayed, and the
 * partitions blocked on a message that keeps failing transiently, with the time it first failed. Alert on
 * `lianjian_consumer_blocked_partitions > 0` for long, and on any increase of the dead letters.
 */
export function registerConsumerMetrics(
  registry: Registry,
  groups: () => readonly ConsumerHealthSnapshot[] = consumerHealthSnapshots,
  extraLabels: Readonly<Record<string, string>> = {},
): void {
  for (const metric of CONSUMER_METRICS) {
    const configuration = {
      name: metric.name,
      help: metric.help,
      labelNames: [...Object.keys(extraLabels), 'group', ...metric.labels],
      registers: [registry],
    };
    const samples = () =>
      groups().flatMap((g) =>
        metric.samples(g).map((s) => ({ ...s, labels: { ...extraLabels, group: g.groupId, ...s.labels } })),
      );
    if (metric.type === 'counter')
      new Counter({
        ...configuration,
        collect() {
          this.reset();
          for (const s of samples()) this.inc(s.labels, s.value);
        },
      });
    else
      new Gauge({
        ...configuration,
        collect() {
          this.reset();
          for (const s of samples()) this.set(s.labels, s.value);
        },
      });
  }
}

/**
 * The same consumer-health metrics as Prometheus text, at once (no registry: tests and tools read a consumer's
 * `status()` through it); a service's `/metrics` renders them through its prom-client registry.
 */
export function consumerMetrics(
  groups: readonly ConsumerHealthSnapshot[] = consumerHealthSnapshots(),
  extraLabels: Readonly<Record<string, string>> = {},
): string {
  const lines = CONSUMER_METRICS.flatMap((metric) => [
    `# HELP ${metric.name} ${metric.help}`,
    `# TYPE ${metric.name} ${metric.type}`,
    ...groups.flatMap((g) =>
      metric.samples(g).map((s) => {
        const labels = Object.entries({ ...extraLabels, group: g.groupId, ...s.labels })
          .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
          .join(',');
        return `${metric.name}{${labels}} ${s.value}`;
      }),
    ),
  ]);
  return `${lines.join('\n')}\n`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
