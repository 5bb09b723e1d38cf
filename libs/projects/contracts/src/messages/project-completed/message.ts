import { Id, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ projectId: Id, completedOn: IsoDate });

export const ProjectCompleted = defineMessage({
  type: 'ProjectCompleted',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.project,
  key: { ...STREAM_KEYS.project, of: (data) => projectsStreamId('project', data.projectId) },
  description:
    'The project was completed: the council may score it, and the people it served rate it (`ProjectRated`).',
  payload,
  example,
});
