import { type Page, type PageRequest, pageOf } from '@lianjian/api';
import { AuthError, type Caller, assertCanRead, canRead, listableDistrict } from '@lianjian/auth';
import { addDays, isIsoDate } from '@lianjian/calendar';
import { findByKeys } from '@lianjian/event-store';
import { type Collection } from 'mongodb';
import {
  type BuildingCoverageSummary,
  type CadenceRequirement,
  type RegionCoverage,
  type ComplianceFinding,
  type ElectionStatus,
  type OrganizationType,
  type RulesConfiguration,
  assessSetting,
  electionStatus,
  eligibleWithoutOrganization,
  meetingCadence,
  summarizeRegionCoverage,
  isNonPublicUnit,
  rulesFor,
  summarizeBuildingCoverage,
  violation,
} from '@lianjian/organizations-domain';
import { type CurrentStateProjection } from '../infrastructure/current-state.projection';
import { fullMembersByUnit, organizationMemberCounts, rosterMembers } from '../infrastructure/member-rosters';
import { compareIds, meetingsIn, meetingsKey, parseOrganizationEntry, regionKey } from '../infrastructure/list-index';
import { timelineEntryId } from '../infrastructure/timeline.projection';
import {
  type BuildingView,
  type MeetingView,
  type OrganizationView,
  type ServicePointView,
  type TimelineEntry,
  type UnitView,
  type Views,
} from '../infrastructure/views';
import { type Clock } from '@lianjian/calendar';
import { readableBy, scopeOf } from './scope';

export interface TreeNodeAsOf {
  readonly organization: TimelineEntry['state'];
  readonly depth: number;
  readonly version: number;
}

/**
 * Reads for the GraphQL subgraph, always within the caller's scope. Each read of the current-state views first
 * waits until they hold this process's own appends (free when they already do), so a client reads its writes.
 */
export class OrganizationQueries {
  constructor(
    private readonly v: Views,
    private readonly projection: CurrentStateProjection,
    private readonly rules: RulesConfiguration,
    private readonly clock: Clock,
  ) {}

  async organization(caller: Caller, id: string): Promise<OrganizationView | null> {
    await this.readOwnWrites();
    const org = await this.v.organizations.findOne({ _id: id });
    if (!org) return null;
    assertCanRead(caller, scopeOf(org));
    return org;
  }

  /** Batched lookup for nested fields and federation references: what the caller may not see comes back null. */
  async organizationsByIds(caller: Caller, ids: readonly string[]): Promise<Array<OrganizationView | null>> {
    await this.readOwnWrites();
    const found = await this.v.organizations.find({ _id: { $in: [...ids] } }).toArray();
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
    await this.readOwnWrites();
    const district = listableDistrict(caller, filter.district ?? null);
    const ids = await this.listableOrganizationIds(
      caller,
      district,
      (o) => (!filter.types?.length || filter.types.includes(o.type)) && (!filter.status || o.status === filter.status),
    );
    return this.pageOf(this.v.organizations, ids, page);
  }

  async children(caller: Caller, parent: OrganizationView, page: PageRequest): Promise<Page<OrganizationView>> {
    await this.readOwnWrites();
    const { childIds } = await this.projection.childrenOf(parent._id);
    return this.pageOf(this.v.organizations, await this.readableAmong(caller, childIds, null), page);
  }

  async subtree(
    caller: Caller,
    root: OrganizationView,
    types: OrganizationType[] | null,
    page: PageRequest,
  ): Promise<Page<OrganizationView>> {
    await this.readOwnWrites();
    const ids = await this.projection.descendantIdsOf(root._id);
    return this.pageOf(this.v.organizations, await this.readableAmong(caller, ids, types?.length ? types : null), page);
  }

  /**
   * The organizations a caller may list in a district (null: any) that `keep` keeps, by exact keys: a district's or
   * the city's list (whose entries carry type and status), or an organization admin's own subtree walked through the
   * lists of children (its views fetched by key), or a member's own organization.
   */
  private async listableOrganizationIds(
    caller: Caller,
    district: string | null,
    keep: (o: { type: OrganizationType; status: OrganizationView['status'] }) => boolean,
  ): Promise<string[]> {
    if (caller.role === 'ORGANIZATION_ADMIN' || caller.role === 'MEMBER') {
      const own = caller.organizationId ?? '';
      const ids = caller.role === 'ORGANIZATION_ADMIN' ? [own, ...(await this.projection.descendantIdsOf(own))] : [own];
      const readable = readableBy(caller);
      return (await this.byIds(this.v.organizations, ids))
        .filter((o) => readable(o) && (!district || o.region.district === district) && keep(o))
        .map((o) => o._id);
    }
    // city, district and analytics callers read a district (listableDistrict has folded their scope in) or the city
    return (await this.projection.listEntries(regionKey('organization', { district })))
      .map(parseOrganizationEntry)
      .filter(keep)
      .map((o) => o.id);
  }

  /**
   * Of these organizations, those the caller may read and of one of `types` (null: any): from the city's or the
   * caller's district's list when the scope is a region (its entries carry the type), from the views otherwise.
   */
  private async readableAmong(
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
        (await this.projection.listEntries(regionKey('organization', region)))
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
            ...(await this.projection.descendantIdsOf(caller.organizationId ?? '')),
          ])
        : new Set([caller.organizationId ?? '']);
    const candidates = ids.filter((id) => own.has(id));
    return (await this.byIds(this.v.organizations, candidates))
      .filter((o) => readable(o) && (!types || types.includes(o.type)))
      .map((o) => o._id);
  }

  /**
   * Every version of the organization the timeline holds (it follows Kafka, so it may lag the current state), by
   * the entries' keys: one per version of the stream, up to the version of the organization's view.
   */
  async history(caller: Caller, org: OrganizationView): Promise<TimelineEntry[]> {
    assertCanRead(caller, scopeOf(org));
    const ids = Array.from({ length: org.version }, (_, i) => timelineEntryId(org._id, i + 1));
    const entries = await this.v.timeline.find({ _id: { $in: ids } }).toArray();
    return entries.sort((a, b) => a.version - b.version);
  }

  /**
   * The tree as it stood on a past date, from the timeline: every organization's version valid on that date
   * and active then. With a root, only that organization and what was below it then.
   */
  async treeAsOf(caller: Caller, date: string, rootId: string | null): Promise<TreeNodeAsOf[]> {
    if (!isIsoDate(date)) violation('DATE_IN_FUTURE', 'the date must be a calendar date YYYY-MM-DD', 'date');
    if (date > this.clock.today()) violation('DATE_IN_FUTURE', 'the tree as of a future date is not known', 'date');
    const entries = await this.v.timeline
      .find({ validFrom: { $lte: date }, $or: [{ validTo: null }, { validTo: { $gt: date } }] })
      .toArray();
    const active = new Map(entries.filter((e) => e.state.status === 'active').map((e) => [e.organizationId, e]));
    const children = new Map<string | null, TimelineEntry[]>();
    for (const e of active.values()) {
      const parent = e.state.parentId && active.has(e.state.parentId) ? e.state.parentId : null;
      children.set(parent, [...(children.get(parent) ?? []), e]);
    }
    const start = rootId
      ? [active.get(rootId)].filter((e): e is TimelineEntry => e !== undefined)
      : (children.get(null) ?? []);
    const result: TreeNodeAsOf[] = [];
    const path: string[] = [];
    const visit = (entry: TimelineEntry, depth: number): void => {
      path.length = depth;
      path.push(entry.organizationId);
      const readable = canRead(caller, { district: entry.state.region.district, organizationPath: [...path] });
      if (readable) result.push({ organization: entry.state, depth, version: entry.version });
      for (const child of [...(children.get(entry.organizationId) ?? [])].sort((a, b) =>
        a.state.name.localeCompare(b.state.name, 'zh'),
      )) {
        visit(child, depth + 1);
      }
    };
    for (const root of start) visit(root, 0);
    if (rootId && start.length === 0)
      violation('ORGANIZATION_NOT_FOUND', `organization ${rootId} was not active on ${date}`, 'rootId');
    return result;
  }

  /** Organizations whose committee election is due within the configured window, overdue, or never held. */
  async electionsDue(
    caller: Caller,
    district: string | null,
  ): Promise<Array<{ organization: OrganizationView; status: ElectionStatus }>> {
    const scoped = listableDistrict(caller, district);
    await this.readOwnWrites();
    const today = this.clock.today();
    const widestWindow = Math.max(
      this.rules.defaults.electionDueWithinDays,
      ...Object.values(this.rules.districts).map((d) => d.electionDueWithinDays ?? 0),
    );
    const until = addDays(today, widestWindow);
    // the active organizations in scope that elect a committee (the list's entries), then their views by key
    const ids = await this.listableOrganizationIds(
      caller,
      scoped,
      (o) => o.status === 'active' && o.type !== 'PartyGroup',
    );
    const termEnd = (o: OrganizationView): string | null => o.leadership?.termEndsOn ?? null;
    const candidates = (await this.byIds(this.v.organizations, ids))
      .filter(
        (o) =>
          o.status === 'active' &&
          o.type !== 'PartyGroup' &&
          (!o.leadership || (termEnd(o) !== null && (termEnd(o) as string) <= until)),
      )
      // as MongoDB sorts them: no term end first, then by term end and id
      .sort((a, b) => compareIds(termEnd(a) ?? '', termEnd(b) ?? '') || compareIds(a._id, b._id))
      .slice(0, 5000);
    return candidates
      .map((organization) => ({
        organization,
        status: electionStatus(organization.leadership, today, rulesFor(this.rules, organization.region.district)),
      }))
      .filter((e) => e.status !== 'CURRENT');
  }

  electionStatusOf(org: OrganizationView): ElectionStatus {
    return electionStatus(org.leadership, this.clock.today(), rulesFor(this.rules, org.region.district));
  }

  async complianceFindings(org: OrganizationView): Promise<ComplianceFinding[]> {
    await this.readOwnWrites();
    const units = org.coveredUnitIds.length
      ? await this.v.units.find({ _id: { $in: [...org.coveredUnitIds] } }).toArray()
      : [];
    return assessSetting(
      {
        type: org.type,
        status: org.status,
        coveredUnitCount: org.coveredUnitIds.length,
        leadership: org.leadership,
        inNonPublicUnit: units.some((u) => isNonPublicUnit(u.kind)),
      },
      await this.memberFactsOf(org._id),
      this.clock.today(),
      rulesFor(this.rules, org.region.district),
    );
  }

  // ---- members (from the members service's events) -------------------------------------------------------

  /** Counted members and full members of the organization: its roster, by key. */
  private memberFactsOf(organizationId: string): Promise<{ members: number; fullMembers: number } | null> {
    return organizationMemberCounts(this.v.memberRosters, organizationId);
  }

  /** Members by stage and by status, of the organization alone or with its whole subtree. */
  async memberCounts(
    org: OrganizationView,
    includeSubtree: boolean,
  ): Promise<{
    members: number;
    fullMembers: number;
    probationaryMembers: number;
    byStage: Array<{ key: string; count: number }>;
    byStatus: Array<{ key: string; count: number }>;
  }> {
    await this.readOwnWrites();
    // the subtree through the lists of children, the members through the organizations' rosters: exact keys
    const ids = includeSubtree ? [org._id, ...(await this.projection.descendantIdsOf(org._id))] : [org._id];
    const facts = [...(await rosterMembers(this.v.memberRosters, 'org', ids)).values()].flat();
    const tally = (key: (f: (typeof facts)[number]) => string) => {
      const counts = new Map<string, number>();
      for (const f of facts) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
      return [...counts].map(([k, count]) => ({ key: k, count })).sort((a, b) => a.key.localeCompare(b.key));
    };
    const counted = facts.filter((f) => f.counted);
    return {
      members: counted.length,
      fullMembers: counted.filter((f) => f.stage === 'FullMember').length,
      probationaryMembers: counted.filter((f) => f.stage === 'ProbationaryMember').length,
      byStage: tally((f) => f.stage),
      byStatus: tally((f) => f.status),
    };
  }

  /** Units, in the caller's district, with their full members and whether an active organization covers them. */
  private async unitMemberships(
    caller: Caller,
    region: { district?: string | null; street?: string | null; community?: string | null },
  ) {
    const district = await this.registryDistrict(caller, region.district ?? null);
    await this.readOwnWrites();
    const units = await this.byIds(
      this.v.units,
      await this.projection.listEntries(regionKey('unit', { ...region, district })),
    );
    const unitIds = units.map((u) => u._id);
    const [covering, fullByUnit] = await Promise.all([
      this.activeCovering(unitIds),
      fullMembersByUnit(this.v.memberRosters, unitIds),
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

  /** 应建未建 ledger: units with enough full members for their own branch and no organization covering them. */
  async eligibleWithoutOrganization(
    caller: Caller,
    region: { district?: string | null; street?: string | null; community?: string | null },
  ): Promise<Array<{ unit: UnitView; fullMembers: number }>> {
    const { district, units } = await this.unitMemberships(caller, region);
    return eligibleWithoutOrganization(units, rulesFor(this.rules, district).minFullMembersForBranch)
      .sort((a, b) => b.fullMembers - a.fullMembers || a.unitId.localeCompare(b.unitId))
      .map((u) => ({ unit: u.unit, fullMembers: u.fullMembers }));
  }

  /** Coverage rates (覆盖率) of a district, street or community: units, units above scale, buildings. */
  async regionCoverage(
    caller: Caller,
    region: { district?: string | null; street?: string | null; community?: string | null },
  ): Promise<RegionCoverage> {
    const { district, units } = await this.unitMemberships(caller, region);
    // the region's buildings: their ids from the region's list are all the coverage rates need
    const buildingIds = [...new Set(await this.projection.listEntries(regionKey('building', { ...region, district })))];
    const coveredUnitIds = new Set(units.filter((u) => u.covered).map((u) => u.unitId));
    // buildings with an active organization or an open service point: the building index, then those by key
    const places = [...(await this.projection.placesOf('building', buildingIds)).values()];
    const [organizations, servicePoints] = await Promise.all([
      this.byIds(
        this.v.organizations,
        places.flatMap((p) => p.organizationIds ?? []),
      ),
      this.byIds(
        this.v.servicePoints,
        places.flatMap((p) => p.servicePointIds ?? []),
      ),
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

  // ---- organizational life ----------------------------------------------------------------------------------

  async meetings(org: OrganizationView, from: string | null, to: string | null): Promise<MeetingView[]> {
    await this.readOwnWrites();
    // the organization's list of meetings (date|id, by key), the period in memory, then those meetings by key
    const listed = meetingsIn(await this.projection.listEntries(meetingsKey(org._id)), from, to).slice(0, 1000);
    const byId = new Map(
      (
        await this.byIds(
          this.v.meetings,
          listed.map((m) => m.id),
        )
      ).map((m) => [m._id, m]),
    );
    return listed.map((m) => byId.get(m.id)).filter((m): m is MeetingView => m !== undefined);
  }

  /** Which required meetings the branch still misses in the month, quarter and year containing `asOf`. */
  async meetingCadence(org: OrganizationView, asOf: string | null): Promise<CadenceRequirement[]> {
    const date = asOf ?? this.clock.today();
    await this.readOwnWrites();
    // the active party groups below: the projection's list of children, then those children by key
    const { activeChildIds } = await this.projection.childrenOf(org._id);
    const children = activeChildIds.length
      ? await this.v.organizations
          .find({ _id: { $in: [...activeChildIds] } }, { projection: { _id: 1, type: 1 } })
          .toArray()
      : [];
    const groups = children.filter((c) => c.type === 'PartyGroup');
    const lists = await this.projection.listsEntries([org._id, ...groups.map((g) => g._id)].map(meetingsKey));
    const inYear = [...lists.values()].flatMap((entries) => meetingsIn(entries, `${date.slice(0, 4)}-01-01`, date));
    const meetings = await findByKeys(
      this.v.meetings,
      inYear.map((m) => m.id),
      '_id',
      { projection: { meetingType: 1, heldOn: 1 } },
    );
    return meetingCadence(
      {
        meetings,
        hasCommittee:
          (org.leadership?.committeeMembers.length ?? 0) > 0 || (org.leadership?.deputySecretaries.length ?? 0) > 0,
        hasPartyGroups: groups.length > 0,
      },
      date,
      rulesFor(this.rules, org.region.district),
    );
  }

  // ---- units, buildings, service points ---------------------------------------------------------------------

  async unit(caller: Caller, id: string): Promise<UnitView | null> {
    await this.readOwnWrites();
    const unit = await this.v.units.findOne({ _id: id });
    if (!unit) return null;
    await this.assertRegistryReadable(caller, unit.region.district);
    return unit;
  }

  async units(
    caller: Caller,
    filter: { district?: string | null; buildingId?: string | null; covered?: boolean | null },
    page: PageRequest,
  ): Promise<Page<UnitView>> {
    const district = await this.registryDistrict(caller, filter.district ?? null);
    await this.readOwnWrites();
    // a building's units (its place document, then the few units by key for the district), or the region's list
    let ids: string[] = filter.buildingId
      ? (
          await this.byIds(
            this.v.units,
            (await this.projection.placesOf('building', [filter.buildingId])).get(filter.buildingId)?.unitIds ?? [],
          )
        )
          .filter((u) => u.buildingId === filter.buildingId && (!district || u.region.district === district))
          .map((u) => u._id)
      : [...(await this.projection.listEntries(regionKey('unit', { district })))];
    if (filter.covered !== null && filter.covered !== undefined) {
      // covered: an active organization (of the district, when one is asked) covers it: the unit index, then those organizations by key
      const places = await this.projection.placesOf('unit', ids);
      const covering = new Map(
        (
          await this.byIds(
            this.v.organizations,
            [...places.values()].flatMap((p) => p.organizationIds ?? []),
          )
        ).map((o) => [o._id, o]),
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
    return this.pageOf(this.v.units, ids, page);
  }

  /** Active organizations covering each unit (batched). */
  async coveringOrganizations(unitIds: readonly string[]): Promise<OrganizationView[][]> {
    await this.readOwnWrites();
    const covering = await this.activeCovering(unitIds);
    return unitIds.map((id) => covering.get(id) ?? []);
  }

  async unitsByIds(ids: readonly string[]): Promise<Array<UnitView | null>> {
    await this.readOwnWrites();
    const found = await this.v.units.find({ _id: { $in: [...ids] } }).toArray();
    const byId = new Map(found.map((u) => [u._id, u]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async building(caller: Caller, id: string): Promise<BuildingView | null> {
    await this.readOwnWrites();
    const building = await this.v.buildings.findOne({ _id: id });
    if (!building) return null;
    await this.assertRegistryReadable(caller, building.region.district);
    return building;
  }

  async buildingsByIds(ids: readonly string[]): Promise<Array<BuildingView | null>> {
    await this.readOwnWrites();
    const found = await this.v.buildings.find({ _id: { $in: [...ids] } }).toArray();
    const byId = new Map(found.map((b) => [b._id, b]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async buildings(
    caller: Caller,
    filter: { district?: string | null },
    page: PageRequest,
  ): Promise<Page<BuildingView>> {
    const district = await this.registryDistrict(caller, filter.district ?? null);
    await this.readOwnWrites();
    return this.pageOf(this.v.buildings, await this.projection.listEntries(regionKey('building', { district })), page);
  }

  /** A building's organizations, units and open service points, and its coverage by the domain's rule. */
  async buildingCoverage(building: BuildingView): Promise<{
    organizations: OrganizationView[];
    units: UnitView[];
    servicePoints: ServicePointView[];
    summary: BuildingCoverageSummary;
  }> {
    await this.readOwnWrites();
    // what is in the building: the building index, then those by key
    const place = (await this.projection.placesOf('building', [building._id])).get(building._id);
    const [organizations, units, servicePoints] = await Promise.all([
      this.byIds(this.v.organizations, place?.organizationIds ?? []).then((found) =>
        found.filter((o) => o.status === 'active' && o.buildingId === building._id),
      ),
      this.byIds(this.v.units, place?.unitIds ?? []).then((found) =>
        found.filter((u) => u.buildingId === building._id),
      ),
      this.byIds(this.v.servicePoints, place?.servicePointIds ?? []).then((found) =>
        found.filter((p) => p.open && p.buildingId === building._id),
      ),
    ]);
    const covering = await this.activeCovering(units.map((u) => u._id));
    const summary = summarizeBuildingCoverage({
      activeOrganizations: organizations.length,
      units: units.map((u) => ({ id: u._id, aboveScale: u.aboveScale })),
      coveredUnitIds: units.filter((u) => (covering.get(u._id) ?? []).length > 0).map((u) => u._id),
      openServicePoints: servicePoints.length,
    });
    return { organizations, units, servicePoints, summary };
  }

  async servicePoints(
    caller: Caller,
    filter: { district?: string | null; buildingId?: string | null },
    page: PageRequest,
  ): Promise<Page<ServicePointView>> {
    const district = await this.registryDistrict(caller, filter.district ?? null);
    await this.readOwnWrites();
    // a building's service points (its place document, then those by key), or the district's or city's list
    const ids = filter.buildingId
      ? (
          await this.byIds(
            this.v.servicePoints,
            (await this.projection.placesOf('building', [filter.buildingId])).get(filter.buildingId)?.servicePointIds ??
              [],
          )
        )
          .filter((p) => p.buildingId === filter.buildingId && (!district || p.region.district === district))
          .map((p) => p._id)
      : await this.projection.listEntries(regionKey('servicePoint', { district }));
    return this.pageOf(this.v.servicePoints, ids, page);
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  /** Read-your-writes: the views hold every commit this process appended (free when they already do). */
  private readOwnWrites(): Promise<void> {
    return this.projection.reachOwnWrites();
  }

  /** Documents by `_id` (exact keys). */
  private byIds<T extends { _id: string }>(collection: Collection<T>, ids: readonly string[]): Promise<T[]> {
    return findByKeys(collection, [...new Set(ids)]);
  }

  /** The active organizations covering each unit: the unit index, then those organizations by key. */
  private async activeCovering(unitIds: readonly string[]): Promise<Map<string, OrganizationView[]>> {
    const places = await this.projection.placesOf('unit', unitIds);
    const organizations = new Map(
      (
        await this.byIds(
          this.v.organizations,
          [...places.values()].flatMap((p) => p.organizationIds ?? []),
        )
      ).map((o) => [o._id, o]),
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
  private async registryDistrict(caller: Caller, requested: string | null): Promise<string | null> {
    if (caller.role === 'MEMBER') throw new AuthError('FORBIDDEN', 'members do not read the unit registry');
    if (caller.role === 'ORGANIZATION_ADMIN') {
      await this.readOwnWrites();
      const own = await this.v.organizations.findOne({ _id: caller.organizationId ?? '' });
      const district = own?.region.district ?? null;
      if (!district || (requested && requested !== district)) throw new AuthError('FORBIDDEN', 'outside your district');
      return district;
    }
    return listableDistrict(caller, requested);
  }

  private async assertRegistryReadable(caller: Caller, district: string | null): Promise<void> {
    const allowed = await this.registryDistrict(caller, null);
    if (allowed !== null && allowed !== district) throw new AuthError('FORBIDDEN', 'outside your district');
  }

  /** One page of a list of ids, by `_id` cursor (in memory), and only the page's documents by key. */
  private pageOf<T extends { _id: string }>(
    target: Collection<T>,
    ids: readonly string[],
    request: PageRequest,
  ): Promise<Page<T>> {
    return pageOf(ids, request, (pageIds) => this.byIds(target, pageIds));
  }
}
