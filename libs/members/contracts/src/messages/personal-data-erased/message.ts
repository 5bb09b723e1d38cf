import { IsoDate, Text, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { MEMBER_KEY, memberPayload } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({ erasedOn: IsoDate, reason: Text });

export const PersonalDataErased = defineMessage({
  type: 'PersonalDataErased',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description: "The member's data key was destroyed: their ID number and phone are unreadable everywhere.",
  payload,
  example,
});
