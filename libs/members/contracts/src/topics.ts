/**
 * Kafka topics of the members service, `lianjian.<service>.<entity>.v<major>`: one topic for the member streams and
 * one for the transfer streams (组织关系转接), each keyed by stream id (every event of one member, of one transfer,
 * keeps its order). A member landing by transfer is `MemberTransferred` on the member topic. Mobility (流动党员) and
 * community registrations (在职党员到社区报到) have a topic each, keyed by their stream.
 */
export const MEMBERS_TOPICS = {
  member: 'lianjian.members.member.v1',
  transfer: 'lianjian.members.transfer.v1',
  mobility: 'lianjian.members.mobility.v1',
  communityRegistration: 'lianjian.members.community-registration.v1',
} as const;

export type MembersStreamCategory = keyof typeof MEMBERS_TOPICS;

const PREFIX = 'member-';

export const memberStreamId = (memberId: string): string => `${PREFIX}${memberId}`;
export const isMemberStream = (stream: string): boolean => stream.startsWith(PREFIX);
export const memberIdFromStream = (stream: string): string => stream.slice(PREFIX.length);

const TRANSFER_PREFIX = 'transfer-';

export const transferStreamId = (transferId: string): string => `${TRANSFER_PREFIX}${transferId}`;
export const isTransferStream = (stream: string): boolean => stream.startsWith(TRANSFER_PREFIX);
export const transferIdFromStream = (stream: string): string => stream.slice(TRANSFER_PREFIX.length);

/** A member's mobility (流动党员: flow-out and flow-in), one stream per member beside their member stream. */
const MOBILITY_PREFIX = 'mobility-';

export const mobilityStreamId = (memberId: string): string => `${MOBILITY_PREFIX}${memberId}`;
export const isMobilityStream = (stream: string): boolean => stream.startsWith(MOBILITY_PREFIX);
export const memberIdFromMobilityStream = (stream: string): string => stream.slice(MOBILITY_PREFIX.length);

/**
 * A member's registration with a community (在职党员到社区报到), one stream per member and community:
 * `community-registration-<memberId>-<communityId>` (a member id, the card number, has no dash).
 */
const COMMUNITY_REGISTRATION_PREFIX = 'community-registration-';

export const communityRegistrationStreamId = (memberId: string, communityId: string): string =>
  `${COMMUNITY_REGISTRATION_PREFIX}${memberId}-${communityId}`;
export const isCommunityRegistrationStream = (stream: string): boolean =>
  stream.startsWith(COMMUNITY_REGISTRATION_PREFIX);
/** The registration's id (`<memberId>-<communityId>`) and its parts. */
export function registrationOfStream(stream: string): { id: string; memberId: string; communityId: string } {
  const id = stream.slice(COMMUNITY_REGISTRATION_PREFIX.length);
  const dash = id.indexOf('-');
  return { id, memberId: id.slice(0, dash), communityId: id.slice(dash + 1) };
}

/** The topic a stream of the members service is published to (null: kept in the service). */
export const topicForMemberStream = (stream: string): string | null => {
  if (isMemberStream(stream)) return MEMBERS_TOPICS.member;
  if (isTransferStream(stream)) return MEMBERS_TOPICS.transfer;
  if (isMobilityStream(stream)) return MEMBERS_TOPICS.mobility;
  if (isCommunityRegistrationStream(stream)) return MEMBERS_TOPICS.communityRegistration;
  return null;
};
