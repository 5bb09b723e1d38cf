import { Id, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ projectId: Id, closedOn: IsoDate });

export const ProjectClosed = defineMessage({
  type: 'ProjectClosed',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.project,
  key: { ...STREAM_KEYS.project, of: (data) => projectsStreamId('project', data.projectId) },
  description: 'The evaluated project was closed (结项).',
  payload,
  example,
});
