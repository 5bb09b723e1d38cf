import { Id, IsoDate, Nullable, StringEnum, Type, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { DECISION_LEVELS, MEMBER_KEY, memberPayload } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({
  reductionId: Id,
  level: StringEnum(DECISION_LEVELS),
  approved: Type.Boolean(),
  decidedOn: IsoDate,
  deciderOrganizationId: Id,
  reason: Nullable(Type.String()),
});

export const DuesReductionDecided = defineMessage({
  type: 'DuesReductionDecided',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description: 'The branch decided, or the superior approved or rejected, a reduction or waiver.',
  payload,
  example,
});
