import { Id, IsoDate, Type, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { MEMBER_KEY, memberPayload } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({ on: IsoDate, sponsorIds: Type.Array(Id) });

export const DevelopmentCandidateDesignated = defineMessage({
  type: 'DevelopmentCandidateDesignated',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description: 'An activist became a development candidate (发展对象) with two full-member sponsors.',
  payload,
  example,
});
