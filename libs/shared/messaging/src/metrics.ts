import { type MongoEventStore } from '@lianjian/event-store';
import { type OutboxRelay } from './outbox-relay';

export interface ServiceMetricsSource {
  readonly service: string;
  readonly store: MongoEventStore;
  readonly relay: OutboxRelay;
  /** The current-state projection's checkpoint (global position). */
  readonly projectionPosition: () => Promise<number>;
  readonly consumer: string;
  readonly consumerLag: () => Promise<{ total: number }>;
}

/** Prometheus text of a service's event pipeline: store head, relay lag and leadership, projection and consumer lag. */
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
    '',
  ].join('\n');
}
