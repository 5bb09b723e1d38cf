import { Id, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ projectId: Id, startedOn: IsoDate });

export const ProjectStarted = defineMessage({
  type: 'ProjectStarted',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.project,
  key: { ...STREAM_KEYS.project, of: (data) => projectsStreamId('project', data.projectId) },
  description:
    'The claimed project started (实施): milestones, resources used and sign-ins follow until it is completed.',
  payload,
  example,
});
