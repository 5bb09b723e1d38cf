import { IsoDate, Text, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { MEMBER_KEY, memberPayload } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({ on: IsoDate, reason: Text });

export const ProbationCancelled = defineMessage({
  type: 'ProbationCancelled',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description: 'The probationary membership was cancelled (取消预备党员资格).',
  payload,
  example,
});
