import { Amount, Id, IsoDate, IsoMonth, StringEnum, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { MEMBER_KEY, REDUCTION_KINDS, memberPayload, SealedReason } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({
  reductionId: Id,
  kind: StringEnum(REDUCTION_KINDS),
  fromMonth: IsoMonth,
  toMonth: IsoMonth,
  monthlyAmount: Amount,
  reason: SealedReason,
  requestedOn: IsoDate,
});

export const DuesReductionRequested = defineMessage({
  type: 'DuesReductionRequested',
  schemaVersion: 2,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description:
    "A member applied for a dues reduction or waiver. The reason is sealed to the member's key (null once erased). v2: v1 carried it in clear (read as v2 with a null reason).",
  payload,
  example,
});
