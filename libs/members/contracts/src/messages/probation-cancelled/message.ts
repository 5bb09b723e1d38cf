import { IsoDate, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { MEMBER_KEY, memberPayload, SealedReason } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({ on: IsoDate, reason: SealedReason });

export const ProbationCancelled = defineMessage({
  type: 'ProbationCancelled',
  schemaVersion: 2,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description:
    "The probationary membership was cancelled (取消预备党员资格). The reason is sealed to the member's key (null once erased). v2: v1 carried it in clear (read as v2 with a null reason).",
  payload,
  example,
});
