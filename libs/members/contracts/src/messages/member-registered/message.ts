import { IsoDate, Nullable, StringEnum, Type, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import {
  MEMBER_KEY,
  REGISTRATION_SOURCES,
  memberPayload,
  profile,
  protectedData,
  stage,
  stageStep,
  status,
} from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({
  profile,
  protectedData,
  stage,
  stageHistory: Type.Array(stageStep, { minItems: 1 }),
  probationEndsOn: Nullable(IsoDate),
  status,
  registeredOn: IsoDate,
  source: StringEnum(REGISTRATION_SOURCES),
});

export const MemberRegistered = defineMessage({
  type: 'MemberRegistered',
  schemaVersion: 2,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description:
    "A member (or applicant) was registered in a branch, or imported with their pipeline history. Name, ID number and phone are ciphertext under the member's own key; the masked name (张*明) is in clear. v2: v1 carried `profile.name` in clear (read as v2 by `upcastMemberRegisteredV1`).",
  payload,
  example,
});
