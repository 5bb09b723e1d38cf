import { AuthError, type Caller, type ScopedTarget, canRead, canWrite } from '@lianjian/auth';
import { refuse } from '@lianjian/members-domain';
import { type OrganizationLookup } from './ports';
import { type MemberView } from './read-models';

/**
 * Who sees and changes which members: the city admin everyone; a district admin the members of their district;
 * an organization admin the members of their subtree; an analytics reader everyone (or one district), masked; a
 * member only themself.
 */
export class MemberScope {
  constructor(private readonly directory: OrganizationLookup) {}

  target(member: Pick<MemberView, 'organizationId'>): Promise<ScopedTarget> {
    return this.directory.scopeOf(member.organizationId);
  }

  async canRead(caller: Caller, member: MemberView): Promise<boolean> {
    if (caller.role === 'MEMBER') return caller.memberId === member._id;
    return canRead(caller, await this.target(member));
  }

  async assertRead(caller: Caller, member: MemberView): Promise<void> {
    if (!(await this.canRead(caller, member))) throw new AuthError('FORBIDDEN', 'this member is outside your scope');
  }

  assertWrite(caller: Caller, target: ScopedTarget): void {
    if (!canWrite(caller, target))
      throw new AuthError('FORBIDDEN', 'outside your scope, or your role changes nothing here');
  }

  /** Full ID number and phone: the member themself, and admins whose scope holds the member; never analytics. */
  async canReveal(caller: Caller, member: MemberView): Promise<boolean> {
    if (caller.role === 'MEMBER') return caller.memberId === member._id;
    if (caller.role === 'ANALYTICS_READER') return false;
    return canWrite(caller, await this.target(member));
  }

  /** The members a caller may list: those of these organizations (null: every organization), or only themself. */
  async readable(
    caller: Caller,
  ): Promise<{ readonly organizations: readonly string[] | null } | { readonly memberId: string }> {
    switch (caller.role) {
      case 'CITY_ADMIN':
        return { organizations: null };
      case 'ANALYTICS_READER':
        return { organizations: caller.district ? await this.directory.idsInDistrict(caller.district) : null };
      case 'DISTRICT_ADMIN':
        return { organizations: await this.directory.idsInDistrict(caller.district ?? '') };
      case 'ORGANIZATION_ADMIN':
        return { organizations: await this.directory.subtreeIds(caller.organizationId ?? '') };
      case 'MEMBER':
        return { memberId: caller.memberId ?? '' };
    }
  }

  /** Organizations a list may cover: the organization (and its subtree when asked), checked against the caller. */
  async organizationsToList(caller: Caller, organizationId: string, includeSubtree: boolean): Promise<string[]> {
    if (!(await this.directory.get(organizationId))) {
      refuse(
        'ORGANIZATION_NOT_FOUND',
        `no organization ${organizationId} (or its establishment has not reached the members service yet)`,
        'organizationId',
      );
    }
    const target = await this.directory.scopeOf(organizationId);
    if (caller.role !== 'MEMBER' && !canRead(caller, target))
      throw new AuthError('FORBIDDEN', 'this organization is outside your scope');
    return includeSubtree ? this.directory.subtreeIds(organizationId) : [organizationId];
  }
}
