import { Ciphertext, Id, Nullable, StringEnum, Struct, type TSchema } from '@lianjian/contracts';

/**
 * The vocabulary of the mobility (流动党员) and community registration (在职党员到社区报到) messages. The value sets
 * repeat the domain's (libs/members/domain/src/mobility/mobility-events.ts); the service's compile-time test checks
 * every payload against the domain event it publishes.
 */
export const FLOW_OUT_ENDINGS = ['Returned', 'Transferred', 'Cancelled'] as const;
export const FLOW_IN_ENDINGS = ['Left', 'Cancelled'] as const;
export const COMMUNITY_SERVICE_KINDS = [
  'Volunteering',
  'CommunityGovernance',
  'PolicyPublicity',
  'Assistance',
  'Other',
] as const;
export const COMMUNITY_RATINGS = ['Excellent', 'Good', 'Fair', 'Poor'] as const;
export const REVOKED_BY = ['Member', 'Branch', 'Community'] as const;

export const flowOutEnding = StringEnum(FLOW_OUT_ENDINGS);
export const flowInEnding = StringEnum(FLOW_IN_ENDINGS);
export const communityServiceKind = StringEnum(COMMUNITY_SERVICE_KINDS);
export const communityRating = StringEnum(COMMUNITY_RATINGS);
export const revokedBy = StringEnum(REVOKED_BY);

/** Personal data about the member (a contact, the community's words): sealed to their key, null when none or erased. */
export const Sealed = Nullable(Ciphertext);

/** The message key of a member's mobility events: their mobility stream. */
export const MOBILITY_KEY = {
  description: "The member's mobility stream: mobility-<memberId>.",
  pattern: '^mobility-.+$',
};

/** The message key of a community registration's events: the registration's stream. */
export const COMMUNITY_REGISTRATION_KEY = {
  description: "The member's registration with one community: community-registration-<memberId>-<communityId>.",
  pattern: '^community-registration-[^-]+-.+$',
};

/** Every mobility and community registration payload: the member (card number) and their branch. */
export const mobilityPayload = <P extends Record<string, TSchema>>(properties: P) =>
  Struct({ memberId: Id, organizationId: Id, ...properties });
