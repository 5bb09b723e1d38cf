import { AuthError, type Caller, assertCanRead, canRead, listableDistrict } from '@lianjian/auth';
import { findByKeys } from '@lianjian/event-store';
import { type Collection, type Filter } from 'mongodb';
import {
  type BuildingCoverageSummary,
  type CadenceRequirement,
  type RegionCoverage,
  type ComplianceFinding,
  type ElectionStatus,
  type OrganizationType,
  type RulesConfiguration,
  addDays,
  assessSetting,
  electionStatus,
  eligibleWithoutOrganization,
  meetingCadence,
  summarizeRegionCoverage,
  isIsoDate,
  isNonPublicUnit,
  rulesFor,
  summarizeBuildingCoverage,
  violation,
} from '@lianjian/organizations-domain';
import { type CurrentStateProjection } from '../infrastructure/current-state.projection';
import { fullMembersByUnit, organizationMemberCounts, rosterMembers } from '../infrastructure/member-rosters';
import { timelineEntryId } from '../infrastructure/timeline.projection';
import { type BuildingView, type MeetingView, type OrganizationView, type ServicePointView, type TimelineEntry, type UnitView, type Views } from '../infrastructure/views';
import { type Clock } from './organization-commands';
import { readableOrganizations, scopeOf } from './scope';

export interface Page<T> {
  readonly items: T[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

export interface PageRequest {
  readonly first: number;
  readonly after: string | null;
}

export interface TreeNodeAsOf {
  readonly organization: TimelineEntry['state'];
  readonly depth: number;
  readonly version: number;
}

const MAX_PAGE = 200;
const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');
const decodeCursor = (cursor: string): string => Buffer.from(cursor, 'base64url').toString('utf8');

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

  async organizations(caller: Caller, filter: { district?: string | null; types?: OrganizationType[] | null; status?: string | null }, page: PageRequest): Promise<Page<OrganizationView>> {
    await this.readOwnWrites();
    const district = listableDistrict(caller, filter.district ?? null);
    const query: Filter<OrganizationView> = { ...readableOrganizations(caller) };
    const and: Array<Filter<OrganizationView>> = [query];
    if (district) and.push({ 'region.district': district });
    if (filter.types?.length) and.push({ type: { $in: filter.types } });
    if (filter.status) and.push({ status: filter.status as OrganizationView['status'] });
    return this.page(this.v.organizations, and.length === 1 ? query : { $and: and }, page);
  }

  async children(caller: Caller, parent: OrganizationView, page: PageRequest): Promise<Page<OrganizationView>> {
    await this.readOwnWrites();
    return this.page(this.v.organizations, { $and: [{ parentId: parent._id }, readableOrganizations(caller)] }, page);
  }

  async subtree(caller: Caller, root: OrganizationView, types: OrganizationType[] | null, page: PageRequest): Promise<Page<OrganizationView>> {
    await this.readOwnWrites();
    const and: Array<Filter<OrganizationView>> = [{ ancestorIds: root._id }, readableOrganizations(caller)];
    if (types?.length) and.push({ type: { $in: types } });
    return this.page(this.v.organizations, { $and: and }, page);
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
    const start = rootId ? [active.get(rootId)].filter((e): e is TimelineEntry => e !== undefined) : (children.get(null) ?? []);
    const result: TreeNodeAsOf[] = [];
    const path: string[] = [];
    const visit = (entry: TimelineEntry, depth: number): void => {
      path.length = depth;
      path.push(entry.organizationId);
      const readable = canRead(caller, { district: entry.state.region.district, organizationPath: [...path] });
      if (readable) result.push({ organization: entry.state, depth, version: entry.version });
      for (const child of [...(children.get(entry.organizationId) ?? [])].sort((a, b) => a.state.name.localeCompare(b.state.name, 'zh'))) {
        visit(child, depth + 1);
      }
    };
    for (const root of start) visit(root, 0);
    if (rootId && start.length === 0) violation('ORGANIZATION_NOT_FOUND', `organization ${rootId} was not active on ${date}`, 'rootId');
    return result;
  }

  /** Organizations whose committee election is due within the configured window, overdue, or never held. */
  async electionsDue(caller: Caller, district: string | null): Promise<Array<{ organization: OrganizationView; status: ElectionStatus }>> {
    const scoped = listableDistrict(caller, district);
    await this.readOwnWrites();
    const today = this.clock.today();
    const widestWindow = Math.max(this.rules.defaults.electionDueWithinDays, ...Object.values(this.rules.districts).map((d) => d.electionDueWithinDays ?? 0));
    const and: Array<Filter<OrganizationView>> = [
      readableOrganizations(caller),
      { status: 'active', type: { $ne: 'PartyGroup' } },
      { $or: [{ leadership: null }, { 'leadership.termEndsOn': { $lte: addDays(today, widestWindow) } }] },
    ];
    if (scoped) and.push({ 'region.district': scoped });
    const candidates = await this.v.organizations.find({ $and: and }).sort({ 'leadership.termEndsOn': 1, _id: 1 }).limit(5000).toArray();
    return candidates
      .map((organization) => ({ organization, status: electionStatus(organization.leadership, today, rulesFor(this.rules, organization.region.district)) }))
      .filter((e) => e.status !== 'CURRENT');
  }

  electionStatusOf(org: OrganizationView): ElectionStatus {
    return electionStatus(org.leadership, this.clock.today(), rulesFor(this.rules, org.region.district));
  }

  async complianceFindings(org: OrganizationView): Promise<ComplianceFinding[]> {
    await this.readOwnWrites();
    const units = org.coveredUnitIds.length ? await this.v.units.find({ _id: { $in: [...org.coveredUnitIds] } }).toArray() : [];
    return assessSetting(
      { type: org.type, status: org.status, coveredUnitCount: org.coveredUnitIds.length, leadership: org.leadership, inNonPublicUnit: units.some((u) => isNonPublicUnit(u.kind)) },
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
  async memberCounts(org: OrganizationView, includeSubtree: boolean): Promise<{ members: number; fullMembers: number; probationaryMembers: number; byStage: Array<{ key: string; count: number }>; byStatus: Array<{ key: string; count: number }> }> {
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
  private async unitMemberships(caller: Caller, region: { district?: string | null; street?: string | null; community?: string | null }) {
    const district = await this.registryDistrict(caller, region.district ?? null);
    await this.readOwnWrites();
    const filter: Filter<UnitView> = {};
    if (district) filter['region.district'] = district;
    if (region.street) filter['region.street'] = region.street;
    if (region.community) filter['region.community'] = region.community;
    const units = await this.v.units.find(filter).toArray();
    const unitIds = units.map((u) => u._id);
    const [covering, fullByUnit] = await Promise.all([this.activeCovering(unitIds), fullMembersByUnit(this.v.memberRosters, unitIds)]);
    return { district, units: units.map((unit) => ({ unit, unitId: unit._id, aboveScale: unit.aboveScale, fullMembers: fullByUnit.get(unit._id) ?? 0, covered: (covering.get(unit._id) ?? []).length > 0 })) };
  }

  /** 应建未建 ledger: units with enough full members for their own branch and no organization covering them. */
  async eligibleWithoutOrganization(caller: Caller, region: { district?: string | null; street?: string | null; community?: string | null }): Promise<Array<{ unit: UnitView; fullMembers: number }>> {
    const { district, units } = await this.unitMemberships(caller, region);
    return eligibleWithoutOrganization(units, rulesFor(this.rules, district).minFullMembersForBranch)
      .sort((a, b) => b.fullMembers - a.fullMembers || a.unitId.localeCompare(b.unitId))
      .map((u) => ({ unit: u.unit, fullMembers: u.fullMembers }));
  }

  /** Coverage rates (覆盖率) of a district, street or community: units, units above scale, buildings. */
  async regionCoverage(caller: Caller, region: { district?: string | null; street?: string | null; community?: string | null }): Promise<RegionCoverage> {
    const { district, units } = await this.unitMemberships(caller, region);
    const filter: Filter<BuildingView> = {};
    if (district) filter['region.district'] = district;
    if (region.street) filter['region.street'] = region.street;
    if (region.community) filter['region.community'] = region.community;
    const buildings = await this.v.buildings.find(filter).toArray();
    const buildingIds = buildings.map((b) => b._id);
    const coveredUnitIds = new Set(units.filter((u) => u.covered).map((u) => u.unitId));
    // buildings with an active organization or an open service point: the building index, then those by key
    const places = [...(await this.projection.placesOf('building', buildingIds)).values()];
    const [organizations, servicePoints] = await Promise.all([
      this.byIds(this.v.organizations, places.flatMap((p) => p.organizationIds ?? [])),
      this.byIds(this.v.servicePoints, places.flatMap((p) => p.servicePointIds ?? [])),
    ]);
    const coveredBuildings = new Set<string>([
      ...organizations.filter((o) => o.status === 'active').map((o) => o.buildingId),
      ...servicePoints.filter((p) => p.open).map((p) => p.buildingId),
    ].filter((b): b is string => typeof b === 'string'));
    for (const u of units) if (u.unit.buildingId && coveredUnitIds.has(u.unitId)) coveredBuildings.add(u.unit.buildingId);
    return summarizeRegionCoverage(units, buildings.map((b) => ({ covered: coveredBuildings.has(b._id) })), rulesFor(this.rules, district).minFullMembersForBranch);
  }

  // ---- organizational life ----------------------------------------------------------------------------------

  async meetings(org: OrganizationView, from: string | null, to: string | null): Promise<MeetingView[]> {
    await this.readOwnWrites();
    const heldOn: Record<string, string> = {};
    if (from) heldOn['$gte'] = from;
    if (to) heldOn['$lte'] = to;
    return this.v.meetings.find({ organizationId: org._id, ...(from || to ? { heldOn } : {}) }).sort({ heldOn: 1, _id: 1 }).limit(1000).toArray();
  }

  /** Which required meetings the branch still misses in the month, quarter and year containing `asOf`. */
  async meetingCadence(org: OrganizationView, asOf: string | null): Promise<CadenceRequirement[]> {
    const date = asOf ?? this.clock.today();
    await this.readOwnWrites();
    // the active party groups below: the projection's list of children, then those children by key
    const { activeChildIds } = await this.projection.childrenOf(org._id);
    const children = activeChildIds.length ? await this.v.organizations.find({ _id: { $in: [...activeChildIds] } }, { projection: { _id: 1, type: 1 } }).toArray() : [];
    const groups = children.filter((c) => c.type === 'PartyGroup');
    const meetings = await this.v.meetings.find({ organizationId: { $in: [org._id, ...groups.map((g) => g._id)] }, heldOn: { $gte: `${date.slice(0, 4)}-01-01`, $lte: date } }, { projection: { meetingType: 1, heldOn: 1 } }).toArray();
    return meetingCadence(
      { meetings, hasCommittee: (org.leadership?.committeeMembers.length ?? 0) > 0 || (org.leadership?.deputySecretaries.length ?? 0) > 0, hasPartyGroups: groups.length > 0 },
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

  async units(caller: Caller, filter: { district?: string | null; buildingId?: string | null; covered?: boolean | null }, page: PageRequest): Promise<Page<UnitView>> {
    const district = await this.registryDistrict(caller, filter.district ?? null);
    await this.readOwnWrites();
    const and: Array<Filter<UnitView>> = [];
    if (district) and.push({ 'region.district': district });
    if (filter.buildingId) and.push({ buildingId: filter.buildingId });
    if (filter.covered !== null && filter.covered !== undefined) {
      const covering = await this.v.organizations.distinct('coveredUnitIds', { status: 'active', ...(district ? { 'region.district': district } : {}) });
      and.push(filter.covered ? { _id: { $in: covering } } : { _id: { $nin: covering } });
    }
    return this.page(this.v.units, and.length ? { $and: and } : {}, page);
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

  async buildings(caller: Caller, filter: { district?: string | null }, page: PageRequest): Promise<Page<BuildingView>> {
    const district = await this.registryDistrict(caller, filter.district ?? null);
    await this.readOwnWrites();
    return this.page(this.v.buildings, district ? { 'region.district': district } : {}, page);
  }

  /** A building's organizations, units and open service points, and its coverage by the domain's rule. */
  async buildingCoverage(building: BuildingView): Promise<{ organizations: OrganizationView[]; units: UnitView[]; servicePoints: ServicePointView[]; summary: BuildingCoverageSummary }> {
    await this.readOwnWrites();
    // what is in the building: the building index, then those by key
    const place = (await this.projection.placesOf('building', [building._id])).get(building._id);
    const [organizations, units, servicePoints] = await Promise.all([
      this.byIds(this.v.organizations, place?.organizationIds ?? []).then((found) => found.filter((o) => o.status === 'active' && o.buildingId === building._id)),
      this.byIds(this.v.units, place?.unitIds ?? []).then((found) => found.filter((u) => u.buildingId === building._id)),
      this.byIds(this.v.servicePoints, place?.servicePointIds ?? []).then((found) => found.filter((p) => p.open && p.buildingId === building._id)),
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

  async servicePoints(caller: Caller, filter: { district?: string | null; buildingId?: string | null }, page: PageRequest): Promise<Page<ServicePointView>> {
    const district = await this.registryDistrict(caller, filter.district ?? null);
    await this.readOwnWrites();
    const and: Array<Filter<ServicePointView>> = [];
    if (district) and.push({ 'region.district': district });
    if (filter.buildingId) and.push({ buildingId: filter.buildingId });
    return this.page(this.v.servicePoints, and.length ? { $and: and } : {}, page);
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
    const organizations = new Map((await this.byIds(this.v.organizations, [...places.values()].flatMap((p) => p.organizationIds ?? []))).map((o) => [o._id, o]));
    return new Map(
      unitIds.map((unitId) => [
        unitId,
        (places.get(unitId)?.organizationIds ?? [])
          .map((id) => organizations.get(id))
          .filter((o): o is OrganizationView => o !== undefined && o.status === 'active' && o.coveredUnitIds.includes(unitId)),
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

  private async page<T extends { _id: string }>(target: Collection<T>, filter: Filter<T>, request: PageRequest): Promise<Page<T>> {
    const first = Math.min(Math.max(request.first, 1), MAX_PAGE);
    const cursorFilter = request.after ? ({ $and: [filter, { _id: { $gt: decodeCursor(request.after) } }] } as Filter<T>) : filter;
    const [docs, totalCount] = await Promise.all([
      target.find(cursorFilter).sort({ _id: 1 }).limit(first + 1).toArray() as Promise<T[]>,
      target.countDocuments(filter),
    ]);
    const items = docs.slice(0, first);
    const last = items.at(-1);
    return { items, endCursor: last ? encodeCursor(last._id) : null, hasNextPage: docs.length > first, totalCount };
  }
}
