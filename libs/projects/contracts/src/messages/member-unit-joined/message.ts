import { Id, Nullable, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({
  councilId: Id,
  unitId: Id,
  organizationId: Nullable(Id),
  representativeMemberId: Nullable(Id),
  joinedOn: IsoDate,
});

export const MemberUnitJoined = defineMessage({
  type: 'MemberUnitJoined',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.council,
  key: { ...STREAM_KEYS.council, of: (data) => projectsStreamId('council', data.councilId) },
  description:
    'A unit joined the council as a member unit (成员单位): the unit as the organizations service registers it (`UnitRegistered`), its party organization when it has one, and its representative by member id (null: none named yet).',
  payload,
  example,
});
