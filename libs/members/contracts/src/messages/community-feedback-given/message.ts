import { Id, IsoDate, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, communityRegistrationStreamId } from '../../topics';
import { COMMUNITY_REGISTRATION_KEY, Sealed, communityRating, mobilityPayload } from '../mobility-vocabulary';
import { example } from './example';

export const payload = mobilityPayload({
  communityId: Id,
  feedbackId: Id,
  rating: communityRating,
  comment: Sealed,
  givenOn: IsoDate,
});

export const CommunityFeedbackGiven = defineMessage({
  type: 'CommunityFeedbackGiven',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.communityRegistration,
  key: { ...COMMUNITY_REGISTRATION_KEY, of: (data) => communityRegistrationStreamId(data.memberId, data.communityId) },
  description:
    "The community's feedback on a registered member's service (社区反馈), for the member's own branch (`organizationId`, the branch that day): a rating in clear — an input to the branch's yearly appraisal of the member (民主评议党员) — and the community's words sealed to the member's key.",
  payload,
  example,
});
