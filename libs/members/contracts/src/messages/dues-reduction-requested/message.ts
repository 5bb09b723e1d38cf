import { Amount, Id, IsoDate, IsoMonth, StringEnum, Text, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { MEMBER_KEY, REDUCTION_KINDS, memberPayload } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({
  reductionId: Id,
  kind: StringEnum(REDUCTION_KINDS),
  fromMonth: IsoMonth,
  toMonth: IsoMonth,
  monthlyAmount: Amount,
  reason: Text,
  requestedOn: IsoDate,
});

export const DuesReductionRequested = defineMessage({
  type: 'DuesReductionRequested',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description: 'A member applied for a dues reduction or waiver.',
  payload,
  example,
});
