import { IsoDate, Text, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { MEMBER_KEY, memberPayload, status } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({ status, previousStatus: status, on: IsoDate, reason: Text });

export const MembershipStatusChanged = defineMessage({
  type: 'MembershipStatusChanged',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description: 'The membership status (党籍) changed.',
  payload,
  example,
});
