import { Id, IsoDate, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, communityRegistrationStreamId } from '../../topics';
import { COMMUNITY_REGISTRATION_KEY, mobilityPayload, revokedBy } from '../mobility-vocabulary';
import { example } from './example';

export const payload = mobilityPayload({ communityId: Id, revokedOn: IsoDate, revokedBy });

export const CommunityRegistrationRevoked = defineMessage({
  type: 'CommunityRegistrationRevoked',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.communityRegistration,
  key: { ...COMMUNITY_REGISTRATION_KEY, of: (data) => communityRegistrationStreamId(data.memberId, data.communityId) },
  description:
    "A member's registration with a community ended, by the member, their branch's side or the community's (`revokedBy`): no more services or feedback are recorded until they register again.",
  payload,
  example,
});
