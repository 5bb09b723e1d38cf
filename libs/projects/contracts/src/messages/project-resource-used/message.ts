import { Id, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, resourceKind, Quantity } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ projectId: Id, unitId: Id, kind: resourceKind, quantity: Quantity, usedOn: IsoDate });

export const ProjectResourceUsed = defineMessage({
  type: 'ProjectResourceUsed',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.project,
  key: { ...STREAM_KEYS.project, of: (data) => projectsStreamId('project', data.projectId) },
  description: 'A unit that claimed the project used some of what it committed: the kind of resource and the quantity.',
  payload,
  example,
});
