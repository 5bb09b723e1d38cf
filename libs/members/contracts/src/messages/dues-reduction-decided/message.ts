import { Id, IsoDate, StringEnum, Type, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { DECISION_LEVELS, MEMBER_KEY, memberPayload, SealedReason } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({
  reductionId: Id,
  level: StringEnum(DECISION_LEVELS),
  approved: Type.Boolean(),
  decidedOn: IsoDate,
  deciderOrganizationId: Id,
  reason: SealedReason,
});

export const DuesReductionDecided = defineMessage({
  type: 'DuesReductionDecided',
  schemaVersion: 2,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description:
    "The branch decided, or the superior approved or rejected, a reduction or waiver. The reason is sealed to the member's key (null once erased). v2: v1 carried it in clear (read as v2 with a null reason).",
  payload,
  example,
});
