import { Id, IsoDate, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { MEMBER_KEY, memberPayload } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({ approvedOn: IsoDate, approverOrganizationId: Id, fullMembershipOn: IsoDate });

export const FullMembershipApproved = defineMessage({
  type: 'FullMembershipApproved',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description: 'The superior approved full membership, counted from the end of probation.',
  payload,
  example,
});
