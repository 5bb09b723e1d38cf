import { Amount, Id, IsoDate, IsoMonth, Nullable, Type, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { MEMBER_KEY, memberPayload } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({
  paymentId: Id,
  months: Type.Array(IsoMonth, { minItems: 1 }),
  amount: Amount,
  paidOn: IsoDate,
  paidBy: Nullable(Type.String()),
  onBehalf: Type.Boolean(),
});

export const DuesPaid = defineMessage({
  type: 'DuesPaid',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description: 'Dues were paid for one or more months, by the member or on their behalf.',
  payload,
  example,
});
