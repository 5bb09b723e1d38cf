import { Id, Text, AnyText, Nullable, IsoDate, Struct, Type, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, resourceKind, Quantity } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({
  projectId: Id,
  commitment: Struct({
    unitId: Id,
    organizationId: Nullable(Id),
    resources: Type.Array(Struct({ kind: resourceKind, quantity: Quantity, unit: Text })),
    description: AnyText,
  }),
  claimedOn: IsoDate,
});

export const ProjectClaimed = defineMessage({
  type: 'ProjectClaimed',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.project,
  key: { ...STREAM_KEYS.project, of: (data) => projectsStreamId('project', data.projectId) },
  description:
    "A member unit claimed the approved project (认领) with its commitment: the resources it commits (kind, quantity, and the `unit` the quantity counts in: 元, 人, 小时 …) and what it will do; the unit's party organization when it has one. Several units may claim one project, each once.",
  payload,
  example,
});
