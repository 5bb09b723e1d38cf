import { type MongoEventStore } from '@lianjian/event-store';
import { MEMBERS_TOPICS } from '@lianjian/members-contracts';
import { ServiceWorkers } from '@lianjian/messaging/nest';
import { ORGANIZATIONS_TOPICS, topicForStream } from '@lianjian/organizations-contracts';
import { type OrganizationsSettings } from '../settings';
import { type OrganizationStateProjection } from './organization-state.projection';
import { type Views } from './views';

/**
 * Background work of the organizations service: the relay publishes its events; the transport feeds the timeline
 * (its own organization stream) and the member facts (the members service's stream); the current state catches up
 * periodically (commits appended by other instances).
 */
export class Workers extends ServiceWorkers {
  constructor(
    settings: OrganizationsSettings,
    store: MongoEventStore,
    v: Views,
    projection: OrganizationStateProjection,
  ) {
    super({
      service: 'organizations',
      kafkaBrokers: settings.kafkaBrokers,
      topicPrefix: settings.topicPrefix,
      replicationFactor: settings.replicationFactor,
      store,
      topicFor: (event) => topicForStream(event.streamId),
      publishes: Object.values(ORGANIZATIONS_TOPICS),
      consumerGroup: 'lianjian.organizations.timeline',
      consumes: [ORGANIZATIONS_TOPICS.organization, MEMBERS_TOPICS.member],
      projection: projection.log,
    });
  }
}
