import { Kafka, logLevel } from 'kafkajs';
import { type MongoEventStore } from '@lianjian/event-store';
import { MEMBERS_TOPICS, topicForMemberStream } from '@lianjian/members-contracts';
import { OutboxRelay } from '@lianjian/messaging';
import { KafkaEventTransport } from '@lianjian/messaging/nest';
import { ORGANIZATIONS_TOPICS } from '@lianjian/organizations-contracts';
import { type MembersSettings } from '../settings';
import { type MemberStateProjection } from './current-state.projection';
import { type Views } from './views';

/**
 * Background work of the members service: the outbox relay (store → Kafka), the Kafka transport feeding the
 * organization directory and attendance from the organizations service's events, and a periodic catch-up of the
 * current state (commits appended by other instances).
 */
export class Workers {
  readonly relay: OutboxRelay;
  readonly transport: KafkaEventTransport;
  private timer: NodeJS.Timeout | null = null;
  private started = false;

  constructor(
    settings: MembersSettings,
    store: MongoEventStore,
    private readonly v: Views,
    private readonly projection: MemberStateProjection,
  ) {
    const kafka = new Kafka({ clientId: 'lianjian-members', brokers: [...settings.kafkaBrokers], logLevel: logLevel.ERROR });
    const topic = (name: string) => `${settings.topicPrefix}${name}`;
    this.relay = new OutboxRelay({
      service: 'members',
      store,
      db: store.commits.db,
      kafka,
      topicFor: (event) => {
        const name = topicForMemberStream(event.streamId);
        return name ? topic(name) : null;
      },
      topics: Object.values(MEMBERS_TOPICS).map((name) => ({ name: topic(name), partitions: 6 })),
      replicationFactor: settings.replicationFactor,
    });
    this.transport = new KafkaEventTransport({
      kafka,
      groupId: topic('lianjian.members.projections'),
      topics: [ORGANIZATIONS_TOPICS.organization, ORGANIZATIONS_TOPICS.meeting],
      topicPrefix: settings.topicPrefix,
    });
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.projection.catchUp();
    this.relay.start();
    this.timer = setInterval(() => void this.projection.catchUp().catch((e: unknown) => console.error('[members] catch-up failed', e)), 500);
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
      '# TYPE lianjian_event_store_head_position gauge',
      `lianjian_event_store_head_position{service="members"} ${head}`,
      '# TYPE lianjian_relay_lag_commits gauge',
      `lianjian_relay_lag_commits{service="members"} ${relay.lag}`,
      `lianjian_relay_leader{service="members"} ${relay.leader ? 1 : 0}`,
      '# TYPE lianjian_projection_lag_commits gauge',
      `lianjian_projection_lag_commits{service="members",projection="current-state"} ${head - (checkpoint?.position ?? 0)}`,
      '# TYPE lianjian_consumer_lag_messages gauge',
      `lianjian_consumer_lag_messages{service="members",consumer="projections"} ${lag.total}`,
      '',
    ].join('\n');
  }
}
