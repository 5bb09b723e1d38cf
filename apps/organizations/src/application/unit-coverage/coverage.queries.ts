import { type Caller } from '@lianjian/auth';
import {
  type BuildingCoverageSummary,
  type RegionCoverage,
  type RulesConfiguration,
  eligibleWithoutOrganization,
  rulesFor,
  summarizeBuildingCoverage,
  summarizeRegionCoverage,
} from '@lianjian/organizations-domain';
import { type RegionFilter, regionKey } from '../list-keys';
import { type BuildingView, type OrganizationView, type ServicePointView, type UnitView } from '../read-models';
import { type QuerySupport } from '../common/query-support';

/** Coverage (覆盖): who covers each unit, buildings' coverage, the coverage rates of a region, and the 应建未建 ledger. */
export class CoverageQueries {
  constructor(
    private readonly s: QuerySupport,
    private readonly rules: RulesConfiguration,
  ) {}

  /** 应建未建 ledger: units with enough full members for their own branch and no organization covering them. */
  async eligibleWithoutOrganization(
    caller: Caller,
    region: RegionFilter,
  ): Promise<Array<{ unit: UnitView; fullMembers: number }>> {
    const { district, units } = await this.unitMemberships(caller, region);
    return eligibleWithoutOrganization(units, rulesFor(this.rules, district).minFullMembersForBranch)
      .sort((a, b) => b.fullMembers - a.fullMembers || a.unitId.localeCompare(b.unitId))
      .map((u) => ({ unit: u.unit, fullMembers: u.fullMembers }));
  }

  /** Coverage rates (覆盖率) of a district, street or community: units, units above scale, buildings. */
  async regionCoverage(caller: Caller, region: RegionFilter): Promise<RegionCoverage> {
    const { district, units } = await this.unitMemberships(caller, region);
    const tree = this.s.views.tree;
    // the region's buildings: their ids from the region's list are all the coverage rates need
    const buildingIds = [...new Set(await tree.listEntries(regionKey('building', { ...region, district })))];
    const coveredUnitIds = new Set(units.filter((u) => u.covered).map((u) => u.unitId));
    // buildings with an active organization or an open service point: the building index, then those by key
    const places = [...(await tree.placesOf('building', buildingIds)).values()];
    const [organizations, servicePoints] = await Promise.all([
      this.s.views.organizations.byIds(places.flatMap((p) => p.organizationIds ?? [])),
      this.s.views.servicePoints.byIds(places.flatMap((p) => p.servicePointIds ?? [])),
    ]);
    const coveredBuildings = new Set<string>(
      [
        ...organizations.filter((o) => o.status === 'active').map((o) => o.buildingId),
        ...servicePoints.filter((p) => p.open).map((p) => p.buildingId),
      ].filter((b): b is string => typeof b === 'string'),
    );
    for (const u of units)
      if (u.unit.buildingId && coveredUnitIds.has(u.unitId)) coveredBuildings.add(u.unit.buildingId);
    return summarizeRegionCoverage(
      units,
      buildingIds.map((b) => ({ covered: coveredBuildings.has(b) })),
      rulesFor(this.rules, district).minFullMembersForBranch,
    );
  }

  /** Active organizations covering each unit (batched). */
  async coveringOrganizations(unitIds: readonly string[]): Promise<OrganizationView[][]> {
    await this.s.readOwnWrites();
    const covering = await this.s.activeCovering(unitIds);
    return unitIds.map((id) => covering.get(id) ?? []);
  }

  /** A building's organizations, units and open service points, and its coverage by the domain's rule. */
  async buildingCoverage(building: BuildingView): Promise<{
    organizations: OrganizationView[];
    units: UnitView[];
    servicePoints: ServicePointView[];
    summary: BuildingCoverageSummary;
  }> {
    await this.s.readOwnWrites();
    const v = this.s.views;
    // what is in the building: the building index, then those by key
    const place = (await v.tree.placesOf('building', [building._id])).get(building._id);
    const [organizations, units, servicePoints] = await Promise.all([
      v.organizations
        .byIds(place?.organizationIds ?? [])
        .then((found) => found.filter((o) => o.status === 'active' && o.buildingId === building._id)),
      v.units.byIds(place?.unitIds ?? []).then((found) => found.filter((u) => u.buildingId === building._id)),
      v.servicePoints
        .byIds(place?.servicePointIds ?? [])
        .then((found) => found.filter((p) => p.open && p.buildingId === building._id)),
    ]);
    const covering = await this.s.activeCovering(units.map((u) => u._id));
    const summary = summarizeBuildingCoverage({
      activeOrganizations: organizations.length,
      units: units.map((u) => ({ id: u._id, aboveScale: u.aboveScale })),
      coveredUnitIds: units.filter((u) => (covering.get(u._id) ?? []).length > 0).map((u) => u._id),
      openServicePoints: servicePoints.length,
    });
    return { organizations, units, servicePoints, summary };
  }

  /** Units, in the caller's district, with their full members and whether an active organization covers them. */
  private async unitMemberships(caller: Caller, region: RegionFilter) {
    const district = await this.s.registryDistrict(caller, region.district ?? null);
    await this.s.readOwnWrites();
    const units = await this.s.views.units.byIds(
      await this.s.views.tree.listEntries(regionKey('unit', { ...region, district })),
    );
    const unitIds = units.map((u) => u._id);
    const [covering, fullByUnit] = await Promise.all([
      this.s.activeCovering(unitIds),
      this.s.views.rosters.fullMembersByUnit(unitIds),
    ]);
    return {
      district,
      units: units.map((unit) => ({
        unit,
        unitId: unit._id,
        aboveScale: unit.aboveScale,
        fullMembers: fullByUnit.get(unit._id) ?? 0,
        covered: (covering.get(unit._id) ?? []).length > 0,
      })),
    };
  }
}
