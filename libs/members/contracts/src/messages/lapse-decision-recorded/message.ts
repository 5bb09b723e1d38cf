import { Id, IsoDate, StringEnum, Text, Type, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { LAPSE_DECISIONS, MEMBER_KEY, memberPayload } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({
  decision: StringEnum(LAPSE_DECISIONS),
  reasons: Type.Array(Text),
  branchDecidedOn: IsoDate,
  approvedOn: IsoDate,
  approverOrganizationId: Id,
});

export const LapseDecisionRecorded = defineMessage({
  type: 'LapseDecisionRecorded',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description: 'The branch decided, and the superior approved, on a lapse candidate (remove: 自行脱党, or keep).',
  payload,
  example,
});
