import { AuthError, type Caller, type ScopedTarget, canRead, canWrite } from '@lianjian/auth';
import { type Council, currentMembership } from '@lianjian/projects-domain';
import { type Directory } from '../ports';

/**
 * Who may see and act on a joint council. A council belongs to its convening organization's subtree: the city, the
 * district's admins and the admins of the convener or above it read and change it (as they would the convener);
 * analytics readers read it in their district. The representatives of its current member units (members, by member
 * id) and the admins of a member unit's party organization (or of one above it) read it, and act for their own unit
 * (claim a project, offer a resource, record a sign-in, vote); nobody else sees it.
 */
export class CouncilAccess {
  constructor(private readonly directory: Directory) {}

  /** Where the council sits: its convener's district and path. */
  target(council: Pick<Council, 'convenerOrganizationId'>): Promise<ScopedTarget> {
    return this.directory.scopeOf(council.convenerOrganizationId);
  }

  async canRead(caller: Caller, council: Council): Promise<boolean> {
    if (canRead(caller, await this.target(council))) return true;
    const units = council.memberships.filter((m) => m.leftOn === null);
    if (caller.role === 'MEMBER') return units.some((m) => m.representativeMemberId === caller.memberId);
    if (caller.role !== 'ORGANIZATION_ADMIN') return false;
    for (const m of units) if (m.organizationId && (await this.adminOf(caller, m.organizationId))) return true;
    return false;
  }

  async assertRead(caller: Caller, council: Council): Promise<void> {
    if (!(await this.canRead(caller, council))) throw new AuthError('FORBIDDEN', 'outside your scope');
  }

  async canWrite(caller: Caller, council: Pick<Council, 'convenerOrganizationId'>): Promise<boolean> {
    return canWrite(caller, await this.target(council));
  }

  async assertWrite(caller: Caller, council: Pick<Council, 'convenerOrganizationId'>): Promise<void> {
    if (!(await this.canWrite(caller, council)))
      throw new AuthError('FORBIDDEN', "outside your scope: the council belongs to its convener's subtree");
  }

  /**
   * The caller acts for a current member unit: as the council's admin, as the unit's representative, or as an admin
   * of the unit's party organization (or above it).
   */
  async assertActsForUnit(caller: Caller, council: Council, unitId: string): Promise<void> {
    if (await this.canWrite(caller, council)) return;
    const membership = currentMembership(council, unitId);
    const representative =
      caller.role === 'MEMBER' && membership !== null && membership.representativeMemberId === caller.memberId;
    const admin = membership?.organizationId ? await this.adminOf(caller, membership.organizationId) : false;
    if (!representative && !admin)
      throw new AuthError('FORBIDDEN', `only the council's admins or unit ${unitId}'s representative act for it`);
  }

  private async adminOf(caller: Caller, organizationId: string): Promise<boolean> {
    return (
      caller.role === 'ORGANIZATION_ADMIN' &&
      caller.organizationId !== null &&
      (await this.directory.scopeOf(organizationId)).organizationPath.includes(caller.organizationId)
    );
  }
}
