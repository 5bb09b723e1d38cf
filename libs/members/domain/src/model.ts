import { type IsoDate } from '@lianjian/calendar';

/** The development pipeline (发展党员), in order. */
export const STAGES = ['Applicant', 'Activist', 'DevelopmentCandidate', 'ProbationaryMember', 'FullMember'] as const;
export type Stage = (typeof STAGES)[number];

/** 党籍: a member's standing. The last four end membership; members are never deleted. */
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
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
export const ENDED_STATUSES: readonly MembershipStatus[] = ['Expelled', 'Withdrawn', 'Deceased', 'TransferredOut'];

/** Dues and statistics categories (人员类别). */
export const CATEGORIES = ['Employed', 'Retired', 'Student', 'Unemployed', 'Relief', 'Farmer', 'Other'] as const;
export type MemberCategory = (typeof CATEGORIES)[number];

export type Gender = 'Male' | 'Female';

/** Branch types a member's organizational relationship can sit in. */
export const BRANCH_TYPES = ['Branch', 'JointBranch', 'MobileMembersBranch', 'ProvisionalBranch'] as const;

export interface StageStep {
  readonly stage: Stage;
  readonly since: IsoDate;
}

/** A branch members' meeting's vote (支部党员大会表决). */
export interface MeetingVote {
  readonly heldOn: IsoDate;
  /** Members entitled to vote on that date (full members of the branch; probationary members don't vote). */
  readonly votingMembers: number;
  readonly attending: number;
  readonly inFavour: number;
  /**
   * The branch members' meeting recorded by the organizations service that decided (attendance and votes come from
   * its record); null only in decisions made before votes were taken from records.
   */
  readonly meetingId: string | null;
}

/** The profile fields that may travel in clear (name, ID number and phone are stored encrypted: `ProtectedData`). */
export interface MemberProfile {
  /** The name masked (张*明); the full name is ciphertext in `ProtectedData.name`. */
  readonly maskedName: string;
  readonly gender: Gender;
  readonly birthDate: IsoDate;
  readonly ethnicity: string;
  readonly education: string;
  readonly category: MemberCategory;
  readonly posts: readonly string[];
  /** The unit (employer) the member works in, from the organizations registry; coverage counts by it. */
  readonly unitId: string | null;
}

/**
 * Sensitive personal data as the event log holds it: ciphertext under the member's own data key (kept outside
 * the log). Deleting the key makes every copy unreadable — in the store, on Kafka, in backups (crypto-shredding).
 */
export interface ProtectedData {
  readonly keyId: string;
  /**
   * The member's public key (X25519, base64url, derived from the data key): other services seal what they record
   * about the member to it (an absence reason). Null for a member registered before v2 of MemberRegistered.
   */
  readonly sealingKey: string | null;
  /** The full name; null for a member registered before names were encrypted (MemberRegistered v1). */
  readonly name: string | null;
  readonly idNumber: string;
  readonly phone: string | null;
}

export const isVotingMember = (stage: Stage, status: MembershipStatus): boolean =>
  stage === 'FullMember' && (status === 'Normal' || status === 'Restored');

/** Counted in the organization's membership (statistics count members where their relationship is). */
export const isCountedMember = (stage: Stage, status: MembershipStatus, probationCancelled: boolean): boolean =>
  (stage === 'ProbationaryMember' || stage === 'FullMember') && !ENDED_STATUSES.includes(status) && !probationCancelled;
