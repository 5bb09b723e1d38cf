import { Type, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { MEMBER_KEY, memberPayload } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({ counted: Type.Boolean() });

export const MemberCountChanged = defineMessage({
  type: 'MemberCountChanged',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description:
    "Whether the member counts in their organization's membership (statistics, the three-full-members rule, the dissolve rule): published with the registration and whenever it changes, so consumers read the members service's rule instead of re-deriving it.",
  payload,
  example,
});
