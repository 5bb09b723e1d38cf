import { IsoDate, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { MEMBER_KEY, memberPayload, status, SealedReason } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({ status, previousStatus: status, on: IsoDate, reason: SealedReason });

export const MembershipStatusChanged = defineMessage({
  type: 'MembershipStatusChanged',
  schemaVersion: 2,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description:
    "The membership status (党籍) changed. The reason is sealed to the member's key (null once erased). v2: v1 carried it in clear (read as v2 with a null reason).",
  payload,
  example,
});
