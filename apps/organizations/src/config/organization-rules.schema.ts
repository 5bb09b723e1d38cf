import { z } from 'zod';
import { type RulesFileSchema } from '@lianjian/config';
import {
  type Cadence,
  DEFAULT_RULES,
  MEETING_TYPES,
  type MeetingType,
  type OrganizationRules,
} from '@lianjian/organizations-domain';

const count = (what: string) =>
  z
    .number({ error: `must be ${what}` })
    .int({ error: `must be ${what}` })
    .min(0, { error: `must be ${what}` });
const years = z
  .number({ error: 'must be a whole number of years ≥ 1' })
  .int({ error: 'must be a whole number of years ≥ 1' })
  .min(1, { error: 'must be a whole number of years ≥ 1' });
const members = count('a whole number of members ≥ 0');
const cadence: z.ZodType<Cadence | null> = z
  .enum(['Monthly', 'Quarterly', 'Yearly'], { error: 'must be Monthly, Quarterly, Yearly or null (not required)' })
  .nullable();
const meetingCadence = z.strictObject(
  Object.fromEntries(MEETING_TYPES.map((t) => [t, cadence])) as Record<MeetingType, typeof cadence>,
);

const shape = {
  communityCommitteeTermYears: years,
  defaultTermYears: years,
  minFullMembersForBranch: members,
  maxUnitsPerJointBranch: count('a whole number of units ≥ 0'),
  maxMembersPerBranch: members,
  branchCommitteeFromFullMembers: members,
  branchCommitteeMinSize: members,
  branchCommitteeMaxSize: members,
  generalBranchFromMembers: members,
  committeeFromMembers: members,
  electionDueWithinDays: count('a whole number of days ≥ 0'),
  meetingCadence,
};

/** The complete organizations rules (OrganizationRules), with the checks across rules. */
export const organizationRulesSchema: z.ZodType<OrganizationRules> = z
  .strictObject(shape)
  .refine((r) => r.branchCommitteeMinSize <= r.branchCommitteeMaxSize, {
    error: 'must not exceed branchCommitteeMaxSize',
    path: ['branchCommitteeMinSize'],
  })
  .refine((r) => r.generalBranchFromMembers <= r.committeeFromMembers, {
    error: 'must not exceed committeeFromMembers',
    path: ['generalBranchFromMembers'],
  });

/** A rules file of the organizations service (apps/organizations/src/config/rules.json): meeting cadences by meeting type. */
export const ORGANIZATION_RULES_FILE: RulesFileSchema<OrganizationRules> = {
  builtIn: DEFAULT_RULES,
  rules: organizationRulesSchema,
  override: z.strictObject({ ...shape, meetingCadence: meetingCadence.partial() }).partial(),
};
