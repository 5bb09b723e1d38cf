import { Id, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ councilId: Id, unitId: Id, leftOn: IsoDate });

export const MemberUnitLeft = defineMessage({
  type: 'MemberUnitLeft',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.council,
  key: { ...STREAM_KEYS.council, of: (data) => projectsStreamId('council', data.councilId) },
  description:
    'A member unit left the council; what it did while a member (claims, resources, votes) stays in their own streams.',
  payload,
  example,
});
