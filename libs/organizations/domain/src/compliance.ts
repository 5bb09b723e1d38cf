import { addDays } from '@lianjian/calendar';
import { type IsoDate, type Leadership, type OrganizationType, isBranchType } from './model';
import { type MemberFacts } from './organization';
import { type OrganizationRules } from './rules';

export type ElectionStatus = 'CURRENT' | 'DUE' | 'OVERDUE' | 'NEVER_ELECTED';

/** Whether an organization's committee election (换届) is due, from its current term and the rules. */
export function electionStatus(
  leadership: Leadership | null,
  today: IsoDate,
  rules: OrganizationRules,
): ElectionStatus {
  if (!leadership) return 'NEVER_ELECTED';
  if (leadership.termEndsOn < today) return 'OVERDUE';
  if (leadership.termEndsOn <= addDays(today, rules.electionDueWithinDays)) return 'DUE';
  return 'CURRENT';
}

export type FindingCode =
  | 'JOINT_BRANCH_TOO_MANY_UNITS'
  | 'BRANCH_BELOW_MINIMUM'
  | 'BRANCH_TOO_LARGE'
  | 'BRANCH_COMMITTEE_EXPECTED'
  | 'BRANCH_COMMITTEE_SIZE'
  | 'GENERAL_BRANCH_EXPECTED'
  | 'COMMITTEE_EXPECTED'
  | 'ELECTION_OVERDUE'
  | 'NEVER_ELECTED';

/** A setting rule the organization does not meet: advice to act on, not a block. */
export interface ComplianceFinding {
  readonly code: FindingCode;
  readonly message: string;
}

export interface ComplianceSubject {
  readonly type: OrganizationType;
  readonly status: string;
  readonly coveredUnitCount: number;
  readonly leadership: Leadership | null;
  /** Whether the organization sits in a non-public unit (两新组织). */
  readonly inNonPublicUnit: boolean;
}

/** The configurable setting rules of the brief, as findings. Member-based rules apply once member facts exist. */
export function assessSetting(
  subject: ComplianceSubject,
  members: MemberFacts | null,
  today: IsoDate,
  rules: OrganizationRules,
): ComplianceFinding[] {
  if (subject.status !== 'active') return [];
  const findings: ComplianceFinding[] = [];
  if (subject.type === 'JointBranch' && subject.coveredUnitCount > rules.maxUnitsPerJointBranch) {
    findings.push({
      code: 'JOINT_BRANCH_TOO_MANY_UNITS',
      message: `a joint branch covers at most ${rules.maxUnitsPerJointBranch} units; this one covers ${subject.coveredUnitCount}`,
    });
  }
  const election = electionStatus(subject.leadership, today, rules);
  if (election === 'OVERDUE')
    findings.push({ code: 'ELECTION_OVERDUE', message: `the term ended on ${subject.leadership?.termEndsOn}` });
  if (election === 'NEVER_ELECTED' && subject.type !== 'PartyGroup')
    findings.push({ code: 'NEVER_ELECTED', message: 'no leadership has been elected' });
  if (members && isBranchType(subject.type)) {
    if (subject.type === 'Branch' && members.fullMembers < rules.minFullMembersForBranch) {
      findings.push({
        code: 'BRANCH_BELOW_MINIMUM',
        message: `an independent branch needs ${rules.minFullMembersForBranch} full members; it has ${members.fullMembers}`,
      });
    }
    if (members.members > rules.maxMembersPerBranch) {
      findings.push({
        code: 'BRANCH_TOO_LARGE',
        message: `a branch normally has at most ${rules.maxMembersPerBranch} members; it has ${members.members}`,
      });
    }
    if (members.fullMembers >= rules.branchCommitteeFromFullMembers) {
      const size = subject.leadership
        ? 1 + subject.leadership.deputySecretaries.length + subject.leadership.committeeMembers.length
        : 0;
      if (size === 0)
        findings.push({
          code: 'BRANCH_COMMITTEE_EXPECTED',
          message: `with ${members.fullMembers} full members a branch committee of ${rules.branchCommitteeMinSize}–${rules.branchCommitteeMaxSize} is expected`,
        });
      else if (size < rules.branchCommitteeMinSize || size > rules.branchCommitteeMaxSize) {
        findings.push({
          code: 'BRANCH_COMMITTEE_SIZE',
          message: `the branch committee has ${size} members; ${rules.branchCommitteeMinSize}–${rules.branchCommitteeMaxSize} are expected`,
        });
      }
    }
    if (subject.inNonPublicUnit && members.members >= rules.committeeFromMembers) {
      findings.push({ code: 'COMMITTEE_EXPECTED', message: `with ${members.members} members a committee is expected` });
    } else if (subject.inNonPublicUnit && members.members >= rules.generalBranchFromMembers) {
      findings.push({
        code: 'GENERAL_BRANCH_EXPECTED',
        message: `with ${members.members} members a general branch is expected`,
      });
    }
  }
  return findings;
}
