import { type IsoDate } from '@lianjian/calendar';
import { refuse } from '../errors';
import { ENDED_STATUSES, type MemberCategory, type MembershipStatus, type Stage } from '../model';

/**
 * What the mobility and community registration rules need to know about the member, read by the application from
 * the member's own stream (their branch, stage and standing): the formal relationship, which neither moves.
 */
export interface MobileMemberFacts {
  readonly memberId: string;
  readonly organizationId: string;
  readonly stage: Stage;
  readonly status: MembershipStatus;
  readonly probationCancelled: boolean;
  readonly category: MemberCategory;
}

/** An organization of the city as the members service knows it (its organization directory), by id. */
export interface OrganizationFacts {
  readonly organizationId: string;
  readonly name: string;
  readonly active: boolean;
}

/** Mobility and community registration are for party members (probationary or full) whose membership goes on. */
export function assertPartyMember(member: MobileMemberFacts): void {
  if (member.stage !== 'ProbationaryMember' && member.stage !== 'FullMember')
    refuse('STAGE_NOT_ALLOWED', `only party members register their mobility; this is a ${member.stage}`, 'memberId');
  if (ENDED_STATUSES.includes(member.status) || member.probationCancelled)
    refuse(
      'MEMBERSHIP_ENDED',
      member.probationCancelled ? 'the probation was cancelled' : `the membership ended (${member.status})`,
      'memberId',
    );
}

/** An organization named as a host or a community: active, and not the member's own branch. */
export function assertOtherActiveOrganization(
  organization: OrganizationFacts,
  member: MobileMemberFacts,
  code: 'MOBILITY_HOST_INVALID' | 'COMMUNITY_INVALID',
  field: string,
): void {
  if (!organization.active) refuse(code, `${organization.name} is not active`, field);
  if (organization.organizationId === member.organizationId)
    refuse(code, `${organization.name} is the member's own branch`, field);
}

/** A period's end, when given, is on or after its start. */
export function assertPeriod(from: IsoDate, until: IsoDate | null): void {
  if (until !== null && until < from) refuse('DATE_OUT_OF_ORDER', `until (${until}) is before from (${from})`, 'until');
}
