import { Id, Text, IsoDate, Struct, Type, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, needCategory, region } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({
  projectId: Id,
  councilId: Id,
  convenerOrganizationId: Id,
  title: Text,
  category: needCategory,
  needIds: Type.Array(Id, { minItems: 1, uniqueItems: true }),
  region,
  proposedOn: IsoDate,
});

export const ProjectProposed = defineMessage({
  type: 'ProjectProposed',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.project,
  key: { ...STREAM_KEYS.project, of: (data) => projectsStreamId('project', data.projectId) },
  description:
    "A co-building project (共建项目) was proposed to a council from one or more needs (`needIds`; each gets `NeedTakenUp`), with its title and category, the council's convening organization and region (district, street, community): what a consumer needs to place the project, and its ratings, in the tree and on the map.",
  payload,
  example,
});
