import { Id, IsoDate, Struct, Type, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({
  projectId: Id,
  sessionId: Id,
  resolution: Type.Integer({ minimum: 1 }),
  resolvedOn: IsoDate,
});

export const ProjectResolved = defineMessage({
  type: 'ProjectResolved',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.project,
  key: { ...STREAM_KEYS.project, of: (data) => projectsStreamId('project', data.projectId) },
  description:
    'The council resolved the proposed project (联席会议议定): the session (`CouncilSessionHeld`) and the number of its resolution.',
  payload,
  example,
});
