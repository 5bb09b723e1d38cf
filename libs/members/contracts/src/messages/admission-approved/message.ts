import { Id, IsoDate, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { MEMBER_KEY, memberPayload } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({
  approvedOn: IsoDate,
  approverOrganizationId: Id,
  joinedOn: IsoDate,
  probationEndsOn: IsoDate,
});

export const AdmissionApproved = defineMessage({
  type: 'AdmissionApproved',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description: 'The superior approved the admission: the member is probationary from the meeting date.',
  payload,
  example,
});
