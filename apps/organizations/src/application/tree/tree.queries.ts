import { type Page, type PageRequest } from '@lianjian/api/paging';
import { type Caller, assertCanRead, canRead, listableDistrict } from '@lianjian/auth';
import { type OrganizationType } from '@lianjian/organizations-domain';
import { type OrganizationView } from '../read-models';
import { pageOfViews } from '../common/paging';
import { type QuerySupport } from '../common/query-support';
import { scopeOf } from '../scope';

/**
 * The organization tree as it stands: one organization, the lists of a district or the city, children and
 * subtrees — always within the caller's scope, after the views hold this process's own appends.
 */
export class TreeQueries {
  constructor(private readonly s: QuerySupport) {}

  /** The units or buildings an organization refers to that the caller may see in the registry. */
  registryVisible<T extends { readonly region: { readonly district: string | null } }>(
    caller: Caller,
    items: readonly T[],
  ): Promise<T[]> {
    return this.s.registryVisible(caller, items);
  }

  async organization(caller: Caller, id: string): Promise<OrganizationView | null> {
    await this.s.readOwnWrites();
    const org = await this.s.views.organizations.byId(id);
    if (!org) return null;
    assertCanRead(caller, scopeOf(org));
    return org;
  }

  /** Batched lookup for nested fields and federation references: what the caller may not see comes back null. */
  async organizationsByIds(caller: Caller, ids: readonly string[]): Promise<Array<OrganizationView | null>> {
    await this.s.readOwnWrites();
    const found = await this.s.views.organizations.byIds(ids);
    const byId = new Map(found.map((o) => [o._id, o]));
    return ids.map((id) => {
      const org = byId.get(id);
      return org && canRead(caller, scopeOf(org)) ? org : null;
    });
  }

  async organizations(
    caller: Caller,
    filter: { district?: string | null; types?: OrganizationType[] | null; status?: string | null },
    page: PageRequest,
  ): Promise<Page<OrganizationView>> {
    await this.s.readOwnWrites();
    const district = listableDistrict(caller, filter.district ?? null);
    const ids = await this.s.listableOrganizationIds(
      caller,
      district,
      (o) => (!filter.types?.length || filter.types.includes(o.type)) && (!filter.status || o.status === filter.status),
    );
    return pageOfViews(this.s.views.organizations, ids, page);
  }

  async children(caller: Caller, parent: OrganizationView, page: PageRequest): Promise<Page<OrganizationView>> {
    await this.s.readOwnWrites();
    const { childIds } = await this.s.views.tree.childrenOf(parent._id);
    return pageOfViews(this.s.views.organizations, await this.s.readableAmong(caller, childIds, null), page);
  }

  async subtree(
    caller: Caller,
    root: OrganizationView,
    types: OrganizationType[] | null,
    page: PageRequest,
  ): Promise<Page<OrganizationView>> {
    await this.s.readOwnWrites();
    const ids = await this.s.views.tree.descendantIdsOf(root._id);
    return pageOfViews(
      this.s.views.organizations,
      await this.s.readableAmong(caller, ids, types?.length ? types : null),
      page,
    );
  }
}
