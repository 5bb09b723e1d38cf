import { AuthError, type Caller, listableDistrict } from '@lianjian/auth';
import { type OrganizationType } from '@lianjian/organizations-domain';
import { parseOrganizationEntry, regionKey } from '../list-keys';
import { type OrganizationView } from '../read-models';
import { readableBy } from '../scope';
import { type ReadModels } from './read-models.port';

/**
 * What the query families share: read-your-writes, paging, scoped lists of organizations, the unit registry's
 * district, and the active organizations covering units. Every read is by exact keys.
 */
export class QuerySupport {
  constructor(readonly views: ReadModels) {}

  /** Read-your-writes: the views hold every commit this process appended (free when they already do). */
  readOwnWrites(): Promise<void> {
    return this.views.freshness.reachOwnWrites();
  }

  /**
   * The organizations a caller may list in a district (null: any) that `keep` keeps, by exact keys: a district's or
   * the city's list (whose entries carry type and status), or an organization admin's own subtree walked through the
   * lists of children (its views fetched by key), or a member's own organization.
   */
  async listableOrganizationIds(
    caller: Caller,
    district: string | null,
    keep: (o: { type: OrganizationType; status: OrganizationView['status'] }) => boolean,
  ): Promise<string[]> {
    if (caller.role === 'ORGANIZATION_ADMIN' || caller.role === 'MEMBER') {
      const own = caller.organizationId ?? '';
      const ids = caller.role === 'ORGANIZATION_ADMIN' ? [own, ...(await this.views.tree.descendantIdsOf(own))] : [own];
      const readable = readableBy(caller);
      return (await this.views.organizations.byIds(ids))
        .filter((o) => readable(o) && (!district || o.region.district === district) && keep(o))
        .map((o) => o._id);
    }
    // city, district and analytics callers read a district (listableDistrict has folded their scope in) or the city
    return (await this.views.tree.listEntries(regionKey('organization', { district })))
      .map(parseOrganizationEntry)
      .filter(keep)
      .map((o) => o.id);
  }

  /**
   * Of these organizations, those the caller may read and of one of `types` (null: any): from the city's or the
   * caller's district's list when the scope is a region (its entries carry the type), from the views otherwise.
   */
  async readableAmong(
    caller: Caller,
    ids: readonly string[],
    types: readonly OrganizationType[] | null,
  ): Promise<string[]> {
    const region =
      caller.role === 'CITY_ADMIN' || caller.role === 'DISTRICT_ADMIN' || caller.role === 'ANALYTICS_READER'
        ? { district: caller.role === 'CITY_ADMIN' ? null : caller.district }
        : null;
    if (region && !region.district && !types) return [...ids];
    if (region) {
      const listed = new Map(
        (await this.views.tree.listEntries(regionKey('organization', region)))
          .map(parseOrganizationEntry)
          .map((o) => [o.id, o]),
      );
      return ids.filter((id) => {
        const o = listed.get(id);
        return o !== undefined && (!types || types.includes(o.type));
      });
    }
    const readable = readableBy(caller);
    // an organization admin reads their own subtree: only those of the ids in it are fetched
    const own =
      caller.role === 'ORGANIZATION_ADMIN'
        ? new Set([
            caller.organizationId ?? '',
            ...(await this.views.tree.descendantIdsOf(caller.organizationId ?? '')),
          ])
        : new Set([caller.organizationId ?? '']);
    const candidates = ids.filter((id) => own.has(id));
    return (await this.views.organizations.byIds(candidates))
      .filter((o) => readable(o) && (!types || types.includes(o.type)))
      .map((o) => o._id);
  }

  /** The active organizations covering each unit: the unit index, then those organizations by key. */
  async activeCovering(unitIds: readonly string[]): Promise<Map<string, OrganizationView[]>> {
    const places = await this.views.tree.placesOf('unit', unitIds);
    const organizations = new Map(
      (await this.views.organizations.byIds([...places.values()].flatMap((p) => p.organizationIds ?? []))).map((o) => [
        o._id,
        o,
      ]),
    );
    return new Map(
      unitIds.map((unitId) => [
        unitId,
        (places.get(unitId)?.organizationIds ?? [])
          .map((id) => organizations.get(id))
          .filter(
            (o): o is OrganizationView => o !== undefined && o.status === 'active' && o.coveredUnitIds.includes(unitId),
          ),
      ]),
    );
  }

  /** Units and buildings are read by district: an organization admin in their organization's district. */
  async registryDistrict(caller: Caller, requested: string | null): Promise<string | null> {
    if (caller.role === 'MEMBER') throw new AuthError('FORBIDDEN', 'members do not read the unit registry');
    if (caller.role === 'ORGANIZATION_ADMIN') {
      await this.readOwnWrites();
      const own = await this.views.organizations.byId(caller.organizationId ?? '');
      const district = own?.region.district ?? null;
      if (!district || (requested && requested !== district)) throw new AuthError('FORBIDDEN', 'outside your district');
      return district;
    }
    return listableDistrict(caller, requested);
  }

  async assertRegistryReadable(caller: Caller, district: string | null): Promise<void> {
    const allowed = await this.registryDistrict(caller, null);
    if (allowed !== null && allowed !== district) throw new AuthError('FORBIDDEN', 'outside your district');
  }

  /**
   * The units or buildings among these the caller may read in the registry: what an organization they may read
   * refers to (`Organization.building`, `Organization.coveredUnits`) is shown only by the registry's own rule — none
   * to a member, their district's to an organization or district admin.
   */
  async registryVisible<T extends { readonly region: { readonly district: string | null } }>(
    caller: Caller,
    items: readonly T[],
  ): Promise<T[]> {
    let allowed: string | null;
    try {
      allowed = await this.registryDistrict(caller, null);
    } catch (error) {
      if (error instanceof AuthError) return [];
      throw error;
    }
    return allowed === null ? [...items] : items.filter((item) => item.region.district === allowed);
  }
}
