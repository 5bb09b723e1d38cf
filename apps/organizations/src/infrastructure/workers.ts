import { Kafka, logLevel } from 'kafkajs';
import { type MongoEventStore } from '@lianjian/event-store';
import { OutboxRelay } from '@lianjian/messaging';
import { KafkaEventTransport } from '@lianjian/messaging/nest';
import { MEMBERS_TOPICS } from '@lianjian/members-contracts';
import { ORGANIZATIONS_TOPICS, topicForStream } from '@lianjian/organizations-contracts';
import { type OrganizationsSettings } from '../settings';
import { type CurrentStateProjection } from './current-state.projection';
import { type Views } from './views';

/**
 * The service's background work: the outbox relay (store → Kafka), the Kafka transport that feeds the timeline and
 * the member facts (a Nest microservice, see TimelineController and MemberFactsController), and a periodic catch-up of the current state (commits appended
 * by other instances).
 */
export class Workers {
  readonly relay: OutboxRelay;
  readonly transport: KafkaEventTransport;
  private timer: NodeJS.Timeout | null = null;
  private started = false;

  constructor(
    settings: OrganizationsSettings,
    store: MongoEventStore,
    private readonly v: Views,
    private readonly projection: CurrentStateProjection,
  ) {
    const kafka = new Kafka({ clientId: 'lianjian-organizations', brokers: [...settings.kafkaBrokers], logLevel: logLevel.ERROR });
    const topic = (name: string) => `${settings.topicPrefix}${name}`;
    this.relay = new OutboxRelay({
      service: 'organizations',
      store,
      db: store.commits.db,
      kafka,
      topicFor: (event) => {
        const name = topicForStream(event.streamId);
        return name ? topic(name) : null;
      },
      topics: Object.values(ORGANIZATIONS_TOPICS).map((name) => ({ name: topic(name), partitions: 6 })),
      replicationFactor: settings.replicationFactor,
    });
    this.transport = new KafkaEventTransport({
      kafka,
      groupId: topic('lianjian.organizations.timeline'),
      // its own organization stream (timeline) and the members service's member stream (member facts)
      topics: [ORGANIZATIONS_TOPICS.organization, MEMBERS_TOPICS.member],
      topicPrefix: settings.topicPrefix,
    });
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.projection.catchUp();
    this.relay.start();
    this.timer = setInterval(() => void this.projection.catchUp().catch((e: unknown) => console.error('[organizations] catch-up failed', e)), 500);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.relay.stop();
  }

  async metrics(store: MongoEventStore): Promise<string> {
    const [relay, lag, checkpoint, head] = await Promise.all([
      this.relay.status(),
      this.transport.lag().catch(() => ({ total: -1 })),
      this.v.checkpoints.findOne({ _id: 'current-state' }),
      store.headPosition(),
    ]);
    return [
      '# HELP lianjian_event_store_head_position Global position of the last commit.',
      '# TYPE lianjian_event_store_head_position gauge',
      `lianjian_event_store_head_position{service="organizations"} ${head}`,
      '# HELP lianjian_relay_lag_commits Commits written but not yet acknowledged by Kafka.',
      '# TYPE lianjian_relay_lag_commits gauge',
      `lianjian_relay_lag_commits{service="organizations"} ${relay.lag}`,
      `lianjian_relay_leader{service="organizations"} ${relay.leader ? 1 : 0}`,
      '# HELP lianjian_projection_lag_commits Commits not yet in the current-state projection.',
      '# TYPE lianjian_projection_lag_commits gauge',
      `lianjian_projection_lag_commits{service="organizations",projection="current-state"} ${head - (checkpoint?.position ?? 0)}`,
      '# HELP lianjian_consumer_lag_messages Messages on Kafka not yet processed by the consumer.',
      '# TYPE lianjian_consumer_lag_messages gauge',
      `lianjian_consumer_lag_messages{service="organizations",consumer="timeline"} ${lag.total}`,
      '',
    ].join('\n');
  }
}
