import { type MongoEventStore } from '@lianjian/event-store';
import { consumerHealthOf } from './consumer-health';
import { type ServiceMetricsSource, consumerMetrics, serviceMetricsRegistry } from './metrics';
import { type OutboxRelay } from './outbox-relay';

// A service's /metrics through its prom-client registry: the names and labels dashboards and alerts use.

const source = (reads: { count: number }): ServiceMetricsSource => ({
  service: 'members',
  store: {
    headPosition: async () => {
      reads.count += 1;
      return 120;
    },
  } as unknown as MongoEventStore,
  relay: {
    status: async () => ({ leader: true, checkpoint: 100, head: 120, lag: 20, lastError: null }),
  } as unknown as OutboxRelay,
  projectionPosition: async () => 117,
  consumer: 'lianjian.members.directory',
  consumerLag: async () => {
    throw new Error('Kafka is down');
  },
});

describe('service metrics (prom-client)', () => {
  it('renders the event pipeline, the consumer group and the process, each labelled with the service', async () => {
    const group = consumerHealthOf('t1.lianjian.members.directory');
    group.deadLettered('invalid');
    const since = group.failedTransiently({ topic: 't1.members', partition: 3, offset: '7' }, 'db down').since;
    consumerHealthOf('t1.lianjian.organizations.timeline').deadLettered('refused'); // another service's group
    const reads = { count: 0 };
    const text = await serviceMetricsRegistry(source(reads)).metrics();

    expect(reads.count).toBe(1); // one read of the pipeline per scrape, shared by its gauges
    expect(text).toContain('# TYPE lianjian_event_store_head_position gauge');
    expect(text).toContain('lianjian_event_store_head_position{service="members"} 120');
    expect(text).toContain('lianjian_relay_lag_commits{service="members"} 20');
    expect(text).toContain('lianjian_relay_leader{service="members"} 1');
    expect(text).toContain('lianjian_projection_lag_commits{service="members",projection="current-state"} 3');
    expect(text).toContain(
      'lianjian_consumer_lag_messages{service="members",consumer="lianjian.members.directory"} -1',
    );
    expect(text).toContain('# TYPE lianjian_consumer_dead_letters_total counter');
    expect(text).toContain(
      'lianjian_consumer_dead_letters_total{service="members",group="t1.lianjian.members.directory",reason="invalid"} 1',
    );
    expect(text).toContain(
      'lianjian_consumer_dead_letters_total{service="members",group="t1.lianjian.members.directory",reason="refused"} 0',
    );
    expect(text).not.toContain('lianjian.organizations.timeline');
    expect(text).toContain(
      'lianjian_consumer_blocked_partitions{service="members",group="t1.lianjian.members.directory"} 1',
    );
    expect(text).toContain(
      `lianjian_consumer_blocked_since_seconds{service="members",group="t1.lianjian.members.directory",topic="t1.members",partition="3"} ${since / 1000}`,
    );
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="members"\} \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes\{service="members"\} \d/m);
  });

  it('renders the same consumer metrics as text at once, with the labels given', () => {
    const text = consumerMetrics(
      [
        {
          groupId: 'g"1',
          deadLetters: { undecodable: 2, invalid: 0, refused: 0 },
          transientRetries: 5,
          replayed: 1,
          blocked: [],
        },
      ],
      { service: 'organizations' },
    );
    expect(text).toContain('# TYPE lianjian_consumer_transient_retries_total counter');
    expect(text).toContain(
      'lianjian_consumer_dead_letters_total{service="organizations",group="g\\"1",reason="undecodable"} 2',
    );
    expect(text).toContain('lianjian_consumer_transient_retries_total{service="organizations",group="g\\"1"} 5');
    expect(text).toContain('lianjian_consumer_replayed_total{service="organizations",group="g\\"1"} 1');
    expect(text).toContain('lianjian_consumer_blocked_partitions{service="organizations",group="g\\"1"} 0');
  });
});
