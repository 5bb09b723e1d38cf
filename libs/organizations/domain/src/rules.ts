import { type Cadence, type MeetingType } from './meeting';
import { type OrganizationType, type Region, regionLevel } from './model';

/**
 * The configurable setting rules of the brief. Ship the defaults; a district overrides any of them through
 * versioned configuration (`RulesConfiguration`).
 */
export interface OrganizationRules {
  /** Term of a community-level committee, in years. */
  readonly communityCommitteeTermYears: number;
  /** Term of every other organization, in years. */
  readonly defaultTermYears: number;
  /** An independent branch needs at least this many full members (hard rule). */
  readonly minFullMembersForBranch: number;
  /** A joint branch normally covers at most this many units. */
  readonly maxUnitsPerJointBranch: number;
  /** A branch normally has at most this many members. */
  readonly maxMembersPerBranch: number;
  /** From this many full members, a branch should have a branch committee… */
  readonly branchCommitteeFromFullMembers: number;
  /** …of this many members. */
  readonly branchCommitteeMinSize: number;
  readonly branchCommitteeMaxSize: number;
  /** In non-public units: from this many members a general branch, from the next a committee. */
  readonly generalBranchFromMembers: number;
  readonly committeeFromMembers: number;
  /** An election counts as due this many days before the term ends. */
  readonly electionDueWithinDays: number;
  /** How often each kind of organizational-life meeting is required of a branch (null: not required). */
  readonly meetingCadence: Readonly<Record<MeetingType, Cadence | null>>;
}

export const DEFAULT_RULES: OrganizationRules = {
  communityCommitteeTermYears: 5,
  defaultTermYears: 3,
  minFullMembersForBranch: 3,
  maxUnitsPerJointBranch: 5,
  maxMembersPerBranch: 50,
  branchCommitteeFromFullMembers: 7,
  branchCommitteeMinSize: 3,
  branchCommitteeMaxSize: 5,
  generalBranchFromMembers: 50,
  committeeFromMembers: 100,
  electionDueWithinDays: 90,
  meetingCadence: {
    MembersMeeting: 'Quarterly',
    CommitteeMeeting: 'Monthly',
    PartyGroupMeeting: 'Monthly',
    PartyLesson: 'Quarterly',
    ThemeDay: 'Monthly',
    AnnualReviewMeeting: 'Yearly',
  },
};

export interface RulesConfiguration {
  /** Bumped on every change of the configuration file, so deployments can tell which rules are in force. */
  readonly version: number;
  readonly defaults: OrganizationRules;
  readonly districts: Readonly<Record<string, Partial<OrganizationRules>>>;
}

export const DEFAULT_CONFIGURATION: RulesConfiguration = { version: 1, defaults: DEFAULT_RULES, districts: {} };

export function rulesFor(config: RulesConfiguration, district: string | null): OrganizationRules {
  const override = district ? config.districts[district] : undefined;
  if (!override) return config.defaults;
  return {
    ...config.defaults,
    ...override,
    meetingCadence: { ...config.defaults.meetingCadence, ...override.meetingCadence },
  };
}

export function termYearsFor(rules: OrganizationRules, type: OrganizationType, region: Region): number {
  const communityCommittee = regionLevel(region) === 'community' && (type === 'Committee' || type === 'GeneralBranch');
  return communityCommittee ? rules.communityCommitteeTermYears : rules.defaultTermYears;
}
