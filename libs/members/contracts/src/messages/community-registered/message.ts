import { Id, IsoDate, Text, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, communityRegistrationStreamId } from '../../topics';
import { COMMUNITY_REGISTRATION_KEY, mobilityPayload } from '../mobility-vocabulary';
import { example } from './example';

export const payload = mobilityPayload({ communityId: Id, communityName: Text, registeredOn: IsoDate });

export const CommunityRegistered = defineMessage({
  type: 'CommunityRegistered',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.communityRegistration,
  key: { ...COMMUNITY_REGISTRATION_KEY, of: (data) => communityRegistrationStreamId(data.memberId, data.communityId) },
  description:
    "An employed member registered with the community where they live (在职党员到社区报到, 双报到): `communityId` is the community's party organization, `organizationId` the member's branch. One registration per member and community; after a revocation the same stream registers again.",
  payload,
  example,
});
