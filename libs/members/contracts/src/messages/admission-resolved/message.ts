import { IsoDate, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { MEMBER_KEY, memberPayload, vote } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({ vote, approvalDueOn: IsoDate });

export const AdmissionResolved = defineMessage({
  type: 'AdmissionResolved',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description:
    "The branch members' meeting voted to admit the candidate; the superior's approval is due by approvalDueOn.",
  payload,
  example,
});
