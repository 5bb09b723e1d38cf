import { IsoDate, Type, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { MEMBER_KEY, memberPayload } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({ on: IsoDate, months: Type.Integer({ minimum: 1 }), probationEndsOn: IsoDate });

export const ProbationExtended = defineMessage({
  type: 'ProbationExtended',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description: 'The probation was extended (once, 6–12 months).',
  payload,
  example,
});
