import { Amount, IsoMonth, Nullable, Type, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { MEMBER_KEY, memberPayload } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({
  month: IsoMonth,
  amount: Amount,
  standardAmount: Amount,
  reductionId: Nullable(Type.String()),
});

export const DuesBilled = defineMessage({
  type: 'DuesBilled',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description: 'A monthly dues bill (the standard amount, and the amount after an approved reduction or waiver).',
  payload,
  example,
});
