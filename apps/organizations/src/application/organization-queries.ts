import { AuthError, type Caller, assertCanRead, canRead, listableDistrict } from '@lianjian/auth';
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

/** Reads for the GraphQL subgraph, always within the caller's scope. */
export class OrganizationQueries {
  constructor(
    private readonly v: Views,
    private readonly rules: RulesConfiguration,
    private readonly clock: Clock,
  ) {}

  async organization(caller: Caller, id: string): Promise<OrganizationView | null> {
    const org = await this.v.organizations.findOne({ _id: id });
    if (!org) return null;
    assertCanRead(caller, scopeOf(org));
    return org;
  }

  /** Batched lookup for nested fields and federation references: what the caller may not see comes back null. */
  async organizationsByIds(caller: Caller, ids: readonly string[]): Promise<Array<OrganizationView | null>> {
    const found = await this.v.organizations.find({ _id: { $in: [...ids] } }).toArray();
    const byId = new Map(found.map((o) => [o._id, o]));
    return ids.map((id) => {
      const org = byId.get(id);
      return org && canRead(caller, scopeOf(org)) ? org : null;
    });
  }

  organizations(caller: Caller, filter: { district?: string | null; types?: OrganizationType[] | null; status?: string | null }, page: PageRequest): Promise<Page<OrganizationView>> {
    const district = listableDistrict(caller, filter.district ?? null);
    const query: Filter<OrganizationView> = { ...readableOrganizations(caller) };
    const and: Array<Filter<OrganizationView>> = [query];
    if (district) and.push({ 'region.district': district });
    if (filter.types?.length) and.push({ type: { $in: filter.types } });
    if (filter.status) and.push({ status: filter.status as OrganizationView['status'] });
    return this.page(this.v.organizations, and.length === 1 ? query : { $and: and }, page);
  }

  async children(caller: Caller, parent: OrganizationView, page: PageRequest): Promise<Page<OrganizationView>> {
    return this.page(this.v.organizations, { $and: [{ parentId: parent._id }, readableOrganizations(caller)] }, page);
  }

  async subtree(caller: Caller, root: OrganizationView, types: OrganizationType[] | null, page: PageRequest): Promise<Page<OrganizationView>> {
    const and: Array<Filter<OrganizationView>> = [{ ancestorIds: root._id }, readableOrganizations(caller)];
    if (types?.length) and.push({ type: { $in: types } });
    return this.page(this.v.organizations, { $and: and }, page);
  }

  async history(caller: Caller, org: OrganizationView): Promise<TimelineEntry[]> {
    assertCanRead(caller, scopeOf(org));
    return this.v.timeline.find({ organizationId: org._id }).sort({ version: 1 }).toArray();
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
    const units = org.coveredUnitIds.length ? await this.v.units.find({ _id: { $in: [...org.coveredUnitIds] } }).toArray() : [];
    return assessSetting(
      { type: org.type, status: org.status, coveredUnitCount: org.coveredUnitIds.length, leadership: org.leadership, inNonPublicUnit: units.some((u) => isNonPublicUnit(u.kind)) },
      await this.memberFactsOf(org._id),
      this.clock.today(),
      rulesFor(this.rules, org.region.district),
    );
  }

  // ---- members (from the members service's events) -------------------------------------------------------

  private async memberFactsOf(organizationId: string): Promise<{ members: number; fullMembers: number } | null> {
    const [members, fullMembers] = await Promise.all([
      this.v.memberFacts.countDocuments({ organizationId, counted: true }),
      this.v.memberFacts.countDocuments({ organizationId, counted: true, stage: 'FullMember' }),
    ]);
    return { members, fullMembers };
  }

  /** Members by stage and by status, of the organization alone or with its whole subtree. */
  async memberCounts(org: OrganizationView, includeSubtree: boolean): Promise<{ members: number; fullMembers: number; probationaryMembers: number; byStage: Array<{ key: string; count: number }>; byStatus: Array<{ key: string; count: number }> }> {
    const ids = includeSubtree ? [org._id, ...(await this.v.organizations.distinct('_id', { ancestorIds: org._id }))] : [org._id];
    const facts = await this.v.memberFacts.find({ organizationId: { $in: ids } }, { projection: { stage: 1, status: 1, counted: 1 } }).toArray();
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
    const filter: Filter<UnitView> = {};
    if (district) filter['region.district'] = district;
    if (region.street) filter['region.street'] = region.street;
    if (region.community) filter['region.community'] = region.community;
    const units = await this.v.units.find(filter).toArray();
    const unitIds = units.map((u) => u._id);
    const [covering, full] = await Promise.all([
      this.v.organizations.distinct('coveredUnitIds', { status: 'active', coveredUnitIds: { $in: unitIds } }),
      this.v.memberFacts.find({ unitId: { $in: unitIds }, stage: 'FullMember', counted: true }, { projection: { unitId: 1 } }).toArray(),
    ]);
    const coveredIds = new Set(covering);
    const fullByUnit = new Map<string, number>();
    for (const f of full) if (f.unitId) fullByUnit.set(f.unitId, (fullByUnit.get(f.unitId) ?? 0) + 1);
    return { district, units: units.map((unit) => ({ unit, unitId: unit._id, aboveScale: unit.aboveScale, fullMembers: fullByUnit.get(unit._id) ?? 0, covered: coveredIds.has(unit._id) })) };
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
    const [withOrganization, withServicePoint] = await Promise.all([
      this.v.organizations.distinct('buildingId', { status: 'active', buildingId: { $in: buildingIds } }),
      this.v.servicePoints.distinct('buildingId', { open: true, buildingId: { $in: buildingIds } }),
    ]);
    const coveredBuildings = new Set<string>([...withOrganization, ...withServicePoint].filter((b): b is string => typeof b === 'string'));
    for (const u of units) if (u.unit.buildingId && coveredUnitIds.has(u.unitId)) coveredBuildings.add(u.unit.buildingId);
    return summarizeRegionCoverage(units, buildings.map((b) => ({ covered: coveredBuildings.has(b._id) })), rulesFor(this.rules, district).minFullMembersForBranch);
  }

  // ---- organizational life ----------------------------------------------------------------------------------

  meetings(org: OrganizationView, from: string | null, to: string | null): Promise<MeetingView[]> {
    const heldOn: Record<string, string> = {};
    if (from) heldOn['$gte'] = from;
    if (to) heldOn['$lte'] = to;
    return this.v.meetings.find({ organizationId: org._id, ...(from || to ? { heldOn } : {}) }).sort({ heldOn: 1, _id: 1 }).limit(1000).toArray();
  }

  /** Which required meetings the branch still misses in the month, quarter and year containing `asOf`. */
  async meetingCadence(org: OrganizationView, asOf: string | null): Promise<CadenceRequirement[]> {
    const date = asOf ?? this.clock.today();
    const groups = await this.v.organizations.find({ parentId: org._id, type: 'PartyGroup', status: 'active' }, { projection: { _id: 1 } }).toArray();
    const meetings = await this.v.meetings.find({ organizationId: { $in: [org._id, ...groups.map((g) => g._id)] }, heldOn: { $gte: `${date.slice(0, 4)}-01-01`, $lte: date } }, { projection: { meetingType: 1, heldOn: 1 } }).toArray();
    return meetingCadence(
      { meetings, hasCommittee: (org.leadership?.committeeMembers.length ?? 0) > 0 || (org.leadership?.deputySecretaries.length ?? 0) > 0, hasPartyGroups: groups.length > 0 },
      date,
      rulesFor(this.rules, org.region.district),
    );
  }

  // ---- units, buildings, service points ---------------------------------------------------------------------

  async unit(caller: Caller, id: string): Promise<UnitView | null> {
    const unit = await this.v.units.findOne({ _id: id });
    if (!unit) return null;
    await this.assertRegistryReadable(caller, unit.region.district);
    return unit;
  }

  async units(caller: Caller, filter: { district?: string | null; buildingId?: string | null; covered?: boolean | null }, page: PageRequest): Promise<Page<UnitView>> {
    const district = await this.registryDistrict(caller, filter.district ?? null);
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
    const orgs = await this.v.organizations.find({ coveredUnitIds: { $in: [...unitIds] }, status: 'active' }).toArray();
    return unitIds.map((id) => orgs.filter((o) => o.coveredUnitIds.includes(id)));
  }

  async unitsByIds(ids: readonly string[]): Promise<Array<UnitView | null>> {
    const found = await this.v.units.find({ _id: { $in: [...ids] } }).toArray();
    const byId = new Map(found.map((u) => [u._id, u]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async building(caller: Caller, id: string): Promise<BuildingView | null> {
    const building = await this.v.buildings.findOne({ _id: id });
    if (!building) return null;
    await this.assertRegistryReadable(caller, building.region.district);
    return building;
  }

  async buildingsByIds(ids: readonly string[]): Promise<Array<BuildingView | null>> {
    const found = await this.v.buildings.find({ _id: { $in: [...ids] } }).toArray();
    const byId = new Map(found.map((b) => [b._id, b]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async buildings(caller: Caller, filter: { district?: string | null }, page: PageRequest): Promise<Page<BuildingView>> {
    const district = await this.registryDistrict(caller, filter.district ?? null);
    return this.page(this.v.buildings, district ? { 'region.district': district } : {}, page);
  }

  /** A building's organizations, units and open service points, and its coverage by the domain's rule. */
  async buildingCoverage(building: BuildingView): Promise<{ organizations: OrganizationView[]; units: UnitView[]; servicePoints: ServicePointView[]; summary: BuildingCoverageSummary }> {
    const [organizations, units, servicePoints] = await Promise.all([
      this.v.organizations.find({ buildingId: building._id, status: 'active' }).toArray(),
      this.v.units.find({ buildingId: building._id }).toArray(),
      this.v.servicePoints.find({ buildingId: building._id, open: true }).toArray(),
    ]);
    const covering = units.length ? await this.v.organizations.find({ coveredUnitIds: { $in: units.map((u) => u._id) }, status: 'active' }).toArray() : [];
    const summary = summarizeBuildingCoverage({
      activeOrganizations: organizations.length,
      units: units.map((u) => ({ id: u._id, aboveScale: u.aboveScale })),
      coveredUnitIds: covering.flatMap((o) => o.coveredUnitIds),
      openServicePoints: servicePoints.length,
    });
    return { organizations, units, servicePoints, summary };
  }

  async servicePoints(caller: Caller, filter: { district?: string | null; buildingId?: string | null }, page: PageRequest): Promise<Page<ServicePointView>> {
    const district = await this.registryDistrict(caller, filter.district ?? null);
    const and: Array<Filter<ServicePointView>> = [];
    if (district) and.push({ 'region.district': district });
    if (filter.buildingId) and.push({ buildingId: filter.buildingId });
    return this.page(this.v.servicePoints, and.length ? { $and: and } : {}, page);
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  /** Units and buildings are read by district: an organization admin in their organization's district. */
  private async registryDistrict(caller: Caller, requested: string | null): Promise<string | null> {
    if (caller.role === 'MEMBER') throw new AuthError('FORBIDDEN', 'members do not read the unit registry');
    if (caller.role === 'ORGANIZATION_ADMIN') {
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
