import {
  AnyText,
  Ciphertext,
  Count,
  Id,
  IsoDate,
  IsoMonth,
  MaskedName,
  Nullable,
  StringEnum,
  Struct,
  Text,
  Type,
  type TSchema,
} from '@lianjian/contracts';

/**
 * The members service's published vocabulary: the value sets and shapes its messages share. They repeat the
 * domain's (libs/members/domain), which a contract may not import; a compile-time test in the service checks every
 * message's payload type against the domain event it publishes.
 */
export const STAGES = ['Applicant', 'Activist', 'DevelopmentCandidate', 'ProbationaryMember', 'FullMember'] as const;
export const MEMBERSHIP_STATUSES = [
  'Normal',
  'Retained',
  'Suspended',
  'Restored',
  'Expelled',
  'Withdrawn',
  'Deceased',
  'TransferredOut',
] as const;
export const CATEGORIES = ['Employed', 'Retired', 'Student', 'Unemployed', 'Relief', 'Farmer', 'Other'] as const;
export const REGISTRATION_SOURCES = ['Registration', 'Import'] as const;
export const REDUCTION_KINDS = ['Reduction', 'Waiver'] as const;
export const DECISION_LEVELS = ['Branch', 'Superior'] as const;
export const LAPSE_DECISIONS = ['Remove', 'Keep'] as const;
export const TRANSFER_SCOPES = [
  'WithinCommittee',
  'WithinDistrict',
  'AcrossDistricts',
  'OutOfCity',
  'IntoCity',
] as const;
export const TRANSFER_CAUSES = ['Transfer', 'OrganizationMoved', 'OrganizationMerged'] as const;

export const stage = StringEnum(STAGES);
export const status = StringEnum(MEMBERSHIP_STATUSES);
export const category = StringEnum(CATEGORIES);
export const stageStep = Struct({ stage, since: IsoDate });

/** The profile fields that are not sensitive; the ID number and phone travel only in `protectedData`. */
export const profile = Struct({
  /** The name masked (张*明): the full name is `protectedData.name`, ciphertext. */
  maskedName: MaskedName,
  gender: StringEnum(['Male', 'Female']),
  birthDate: IsoDate,
  ethnicity: AnyText,
  education: AnyText,
  category,
  posts: Type.Array(Text),
  unitId: Nullable(Type.String()),
});

/** A free-text reason about the member (a health fact, a family matter): sealed to their key, null once erased. */
export const SealedReason = Nullable(Ciphertext);

/** A member's public key for texts sealed to them (X25519, base64url). */
export const SealingKey = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' });

/**
 * Ciphertext under the member's own data key (kept outside the log): never the clear name, ID number or phone. The
 * name is null only for a member registered before v2 of `MemberRegistered` (names were then in clear).
 */
export const protectedData = Struct({
  keyId: Id,
  /** Null only for a member registered before v2 of `MemberRegistered`. */
  sealingKey: Nullable(SealingKey),
  name: Nullable(Ciphertext),
  idNumber: Ciphertext,
  phone: Nullable(Ciphertext),
});

/**
 * A branch members' meeting's vote, taken from the meeting's record (MeetingRecorded): its day, its attendees who were
 * voting members that day, and the deciding resolution's yes votes; `votingMembers` the branch's voting members then.
 */
export const vote = Struct({
  heldOn: IsoDate,
  votingMembers: Count,
  attending: Count,
  inFavour: Count,
  meetingId: Nullable(
    Type.String({
      description:
        "The recorded branch members' meeting the vote comes from; null only in decisions made before votes were taken from records (the counts were then given by the client).",
    }),
  ),
});

/** Every member event's payload: the member (card number) and the organization their relationship is in. */
export const memberPayload = <P extends Record<string, TSchema>>(properties: P) =>
  Struct({ memberId: Id, organizationId: Id, ...properties });

/** The message key: the member's stream id. */
export const MEMBER_KEY = { description: 'The member stream: member-<memberId>.', pattern: '^member-.+$' };

/** How far a transfer goes (组织关系转接的范围). */
export const transferScope = StringEnum(TRANSFER_SCOPES);

/** The message key of the transfer workflow's events: the transfer's stream id. */
export const TRANSFER_KEY = { description: 'The transfer stream: transfer-<transferId>.', pattern: '^transfer-.+$' };

/** Every transfer event's payload: the transfer's id, and its own fields. */
export const transferPayload = <P extends Record<string, TSchema>>(properties: P) =>
  Struct({ transferId: Id, ...properties });

/** What the letter (介绍信) says: its number, issue date, last valid day and the month dues are paid until. */
export const letterFields = {
  letterNumber: Text,
  issuedOn: IsoDate,
  validUntil: IsoDate,
  duesPaidUntil: Nullable(IsoMonth),
};
