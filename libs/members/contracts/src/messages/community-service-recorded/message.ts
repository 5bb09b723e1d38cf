import { Id, IsoDate, Type, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, communityRegistrationStreamId } from '../../topics';
import { COMMUNITY_REGISTRATION_KEY, Sealed, communityServiceKind, mobilityPayload } from '../mobility-vocabulary';
import { example } from './example';

export const payload = mobilityPayload({
  communityId: Id,
  serviceId: Id,
  kind: communityServiceKind,
  on: IsoDate,
  hours: Type.Number({ exclusiveMinimum: 0, maximum: 24, multipleOf: 0.5 }),
  description: Sealed,
});

export const CommunityServiceRecorded = defineMessage({
  type: 'CommunityServiceRecorded',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.communityRegistration,
  key: { ...COMMUNITY_REGISTRATION_KEY, of: (data) => communityRegistrationStreamId(data.memberId, data.communityId) },
  description:
    "The community recorded a member's service there (在职党员进社区): the kind of service, the day and the hours (in half hours) in clear; the community's description of it sealed to the member's key. `organizationId` is the member's branch that day: the event reaches it.",
  payload,
  example,
});
