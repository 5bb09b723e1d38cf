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

/**
 * Prometheus text of a service's event pipeline: store head, relay lag and leadership, projection and consumer lag,
 * and the health of the service's consumer group in this process (dead letters, transient retries, blocked
 * partitions; see `consumerMetrics`).
 */
export async function serviceMetrics(source: ServiceMetricsSource): Promise<string> {
  const [relay, lag, projected, head] = await Promise.all([
    source.relay.status(),
    source.consumerLag().catch(() => ({ total: -1 })),
    source.projectionPosition(),
    source.store.headPosition(),
  ]);
  const s = `service="${source.service}"`;
  return [
    '# HELP lianjian_event_store_head_position Global position of the last commit.',
    '# TYPE lianjian_event_store_head_position gauge',
    `lianjian_event_store_head_position{${s}} ${head}`,
    '# HELP lianjian_relay_lag_commits Commits written but not yet acknowledged by Kafka.',
    '# TYPE lianjian_relay_lag_commits gauge',
    `lianjian_relay_lag_commits{${s}} ${relay.lag}`,
    `lianjian_relay_leader{${s}} ${relay.leader ? 1 : 0}`,
    '# HELP lianjian_projection_lag_commits Commits not yet in the current-state projection.',
    '# TYPE lianjian_projection_lag_commits gauge',
    `lianjian_projection_lag_commits{${s},projection="current-state"} ${head - projected}`,
    '# HELP lianjian_consumer_lag_messages Messages on Kafka not yet processed by the consumer.',
    '# TYPE lianjian_consumer_lag_messages gauge',
    `lianjian_consumer_lag_messages{${s},consumer="${source.consumer}"} ${lag.total}`,
    consumerMetrics(
      consumerHealthSnapshots().filter((c) => c.groupId.endsWith(source.consumer)),
      s,
    ),
  ].join('\n');
}

/**
 * Prometheus text of consumer groups' health (`EventConsumer` records it per group): dead letters by reason
 * (`undecodable`, `invalid`, `refused`), transient failures retried, dead letters replayed, and the partitions
 * blocked on a message that keeps failing transiently, with the time it first failed. Alert on
 * `lianjian_consumer_blocked_partitions > 0` for long, and on any increase of the dead letters.
 */
export function consumerMetrics(
  groups: readonly ConsumerHealthSnapshot[] = consumerHealthSnapshots(),
  extraLabels = '',
): string {
  const labels = (group: string, more = '') =>
    [extraLabels, `group="${escapeLabel(group)}"`, more].filter(Boolean).join(',');
  const lines = [
    '# HELP lianjian_consumer_dead_letters_total Messages sent to the dead-letter topic, by reason.',
    '# TYPE lianjian_consumer_dead_letters_total counter',
    ...groups.flatMap((g) =>
      DEAD_LETTER_REASONS.map(
        (reason) =>
          `lianjian_consumer_dead_letters_total{${labels(g.groupId, `reason="${reason}"`)}} ${g.deadLetters[reason]}`,
      ),
    ),
    '# HELP lianjian_consumer_transient_retries_total Attempts at a message that failed transiently and were retried.',
    '# TYPE lianjian_consumer_transient_retries_total counter',
    ...groups.map((g) => `lianjian_consumer_transient_retries_total{${labels(g.groupId)}} ${g.transientRetries}`),
    '# HELP lianjian_consumer_replayed_total Dead letters replayed through the replay topic and handled.',
    '# TYPE lianjian_consumer_replayed_total counter',
    ...groups.map((g) => `lianjian_consumer_replayed_total{${labels(g.groupId)}} ${g.replayed}`),
    '# HELP lianjian_consumer_blocked_partitions Partitions waiting on a message that keeps failing transiently.',
    '# TYPE lianjian_consumer_blocked_partitions gauge',
    ...groups.map((g) => `lianjian_consumer_blocked_partitions{${labels(g.groupId)}} ${g.blocked.length}`),
    '# HELP lianjian_consumer_blocked_since_seconds When the message a blocked partition waits on first failed (Unix time).',
    '# TYPE lianjian_consumer_blocked_since_seconds gauge',
    ...groups.flatMap((g) =>
      g.blocked.map(
        (b) =>
          `lianjian_consumer_blocked_since_seconds{${labels(g.groupId, `topic="${escapeLabel(b.topic)}",partition="${b.partition}"`)}} ${b.since / 1000}`,
      ),
    ),
    '',
  ];
  return lines.join('\n');
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
