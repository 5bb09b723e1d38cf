import { Id, Nullable, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ councilId: Id, unitId: Id, representativeMemberId: Nullable(Id), changedOn: IsoDate });

export const MemberUnitRepresentativeChanged = defineMessage({
  type: 'MemberUnitRepresentativeChanged',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.council,
  key: { ...STREAM_KEYS.council, of: (data) => projectsStreamId('council', data.councilId) },
  description: "A member unit's representative on the council changed: the new one by member id (null: none now).",
  payload,
  example,
});
