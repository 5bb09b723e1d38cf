import { type MongoEventStore } from '@lianjian/event-store';
import { MEMBERS_TOPICS, topicForMemberStream } from '@lianjian/members-contracts';
import { ServiceWorkers } from '@lianjian/messaging/nest';
import { ORGANIZATIONS_TOPICS } from '@lianjian/organizations-contracts';
import { PROJECTS_TOPICS } from '@lianjian/projects-contracts';
import { type MembersSettings } from '../settings';
import { type MemberStateProjection } from './member-state.projection';

/**
 * Background work of the members service: the relay publishes member events; the transport feeds the organization
 * directory and attendance from the organizations service's events, and members' co-building project
 * activity from the projects service's project topic; the current state catches up periodically.
 */
export class Workers extends ServiceWorkers {
  constructor(settings: MembersSettings, store: MongoEventStore, projection: MemberStateProjection) {
    super({
      service: 'members',
      kafkaBrokers: settings.kafkaBrokers,
      topicPrefix: settings.topicPrefix,
      replicationFactor: settings.replicationFactor,
      store,
      topicFor: (event) => topicForMemberStream(event.streamId),
      publishes: Object.values(MEMBERS_TOPICS),
      consumerGroup: 'lianjian.members.projections',
      consumes: [ORGANIZATIONS_TOPICS.organization, ORGANIZATIONS_TOPICS.meeting, PROJECTS_TOPICS.project],
      projection: projection.log,
    });
  }
}
