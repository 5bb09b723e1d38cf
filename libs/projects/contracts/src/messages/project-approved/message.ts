import { Id, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ projectId: Id, approverOrganizationId: Id, approvedOn: IsoDate });

export const ProjectApproved = defineMessage({
  type: 'ProjectApproved',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.project,
  key: { ...STREAM_KEYS.project, of: (data) => projectsStreamId('project', data.projectId) },
  description:
    'The community party committee (社区党委, `approverOrganizationId`) approved the resolved project: member units may claim it.',
  payload,
  example,
});
