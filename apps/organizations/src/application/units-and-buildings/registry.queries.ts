import { type Page, type PageRequest } from '@lianjian/api/paging';
import { type Caller } from '@lianjian/auth';
import { regionKey } from '../list-keys';
import { type BuildingView, type ServicePointView, type UnitView } from '../read-models';
import { pageOfViews } from '../common/paging';
import { type QuerySupport } from '../common/query-support';

/** The registry: units, buildings and service points, read by district within the caller's scope. */
export class RegistryQueries {
  constructor(private readonly s: QuerySupport) {}

  async unit(caller: Caller, id: string): Promise<UnitView | null> {
    await this.s.readOwnWrites();
    const unit = await this.s.views.units.byId(id);
    if (!unit) return null;
    await this.s.assertRegistryReadable(caller, unit.region.district);
    return unit;
  }

  async units(
    caller: Caller,
    filter: { district?: string | null; buildingId?: string | null; covered?: boolean | null },
    page: PageRequest,
  ): Promise<Page<UnitView>> {
    const district = await this.s.registryDistrict(caller, filter.district ?? null);
    await this.s.readOwnWrites();
    const v = this.s.views;
    // a building's units (its place document, then the few units by key for the district), or the region's list
    let ids: string[] = filter.buildingId
      ? (
          await v.units.byIds(
            (await v.tree.placesOf('building', [filter.buildingId])).get(filter.buildingId)?.unitIds ?? [],
          )
        )
          .filter((u) => u.buildingId === filter.buildingId && (!district || u.region.district === district))
          .map((u) => u._id)
      : [...(await v.tree.listEntries(regionKey('unit', { district })))];
    if (filter.covered !== null && filter.covered !== undefined) {
      // covered: an active organization (of the district, when one is asked) covers it: the unit index, then those organizations by key
      const places = await v.tree.placesOf('unit', ids);
      const covering = new Map(
        (await v.organizations.byIds([...places.values()].flatMap((p) => p.organizationIds ?? []))).map((o) => [
          o._id,
          o,
        ]),
      );
      const covered = (unitId: string) =>
        (places.get(unitId)?.organizationIds ?? []).some((id) => {
          const o = covering.get(id);
          return (
            o !== undefined &&
            o.status === 'active' &&
            o.coveredUnitIds.includes(unitId) &&
            (!district || o.region.district === district)
          );
        });
      ids = ids.filter((id) => covered(id) === filter.covered);
    }
    return pageOfViews(v.units, ids, page);
  }

  async unitsByIds(ids: readonly string[]): Promise<Array<UnitView | null>> {
    await this.s.readOwnWrites();
    const byId = new Map((await this.s.views.units.byIds(ids)).map((u) => [u._id, u]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async building(caller: Caller, id: string): Promise<BuildingView | null> {
    await this.s.readOwnWrites();
    const building = await this.s.views.buildings.byId(id);
    if (!building) return null;
    await this.s.assertRegistryReadable(caller, building.region.district);
    return building;
  }

  async buildingsByIds(ids: readonly string[]): Promise<Array<BuildingView | null>> {
    await this.s.readOwnWrites();
    const byId = new Map((await this.s.views.buildings.byIds(ids)).map((b) => [b._id, b]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async buildings(
    caller: Caller,
    filter: { district?: string | null },
    page: PageRequest,
  ): Promise<Page<BuildingView>> {
    const district = await this.s.registryDistrict(caller, filter.district ?? null);
    await this.s.readOwnWrites();
    return pageOfViews(
      this.s.views.buildings,
      await this.s.views.tree.listEntries(regionKey('building', { district })),
      page,
    );
  }

  async servicePoints(
    caller: Caller,
    filter: { district?: string | null; buildingId?: string | null },
    page: PageRequest,
  ): Promise<Page<ServicePointView>> {
    const district = await this.s.registryDistrict(caller, filter.district ?? null);
    await this.s.readOwnWrites();
    const v = this.s.views;
    // a building's service points (its place document, then those by key), or the district's or city's list
    const ids = filter.buildingId
      ? (
          await v.servicePoints.byIds(
            (await v.tree.placesOf('building', [filter.buildingId])).get(filter.buildingId)?.servicePointIds ?? [],
          )
        )
          .filter((p) => p.buildingId === filter.buildingId && (!district || p.region.district === district))
          .map((p) => p._id)
      : await v.tree.listEntries(regionKey('servicePoint', { district }));
    return pageOfViews(v.servicePoints, ids, page);
  }
}
