import { type MongoEventStore } from '@lianjian/event-store';
import { ServiceWorkers } from '@lianjian/messaging/nest';
import { ORGANIZATIONS_TOPICS } from '@lianjian/organizations-contracts';
import { PROJECTS_TOPICS, topicForProjectsStream } from '@lianjian/projects-contracts';
import { type ProjectsSettings } from '../settings';
import { type ProjectsStateProjection } from './projects-state.projection';

/**
 * Background work of the projects service: the relay publishes its events; the transport feeds the directory from
 * the organizations service's organization and unit events; the read models catch up on the service's own log.
 */
export class Workers extends ServiceWorkers {
  constructor(settings: ProjectsSettings, store: MongoEventStore, projection: ProjectsStateProjection) {
    super({
      service: 'projects',
      kafkaBrokers: settings.kafkaBrokers,
      topicPrefix: settings.topicPrefix,
      replicationFactor: settings.replicationFactor,
      store,
      topicFor: (event) => topicForProjectsStream(event.streamId),
      publishes: Object.values(PROJECTS_TOPICS),
      consumerGroup: 'lianjian.projects.directory',
      consumes: [ORGANIZATIONS_TOPICS.organization, ORGANIZATIONS_TOPICS.unit],
      projection: projection.log,
    });
  }
}
