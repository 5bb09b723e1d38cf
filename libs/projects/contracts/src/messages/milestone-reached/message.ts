import { Id, Text, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ projectId: Id, milestoneId: Id, title: Text, reachedOn: IsoDate });

export const MilestoneReached = defineMessage({
  type: 'MilestoneReached',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.project,
  key: { ...STREAM_KEYS.project, of: (data) => projectsStreamId('project', data.projectId) },
  description: 'A project in progress reached a milestone.',
  payload,
  example,
});
