import { randomUUID } from 'node:crypto';
import { AuthError, type Caller, assertCanWrite } from '@lianjian/auth';
import {
  type AppendContext,
  type CommandOptions,
  type CommandStart,
  type Decider,
  type Handled,
  type LoadedAggregate,
  type MongoEventStore,
  type NewEvent,
  type SnapshotPolicy,
  commandContext,
  commandHandleOptions,
  deciderOf,
  handleCommand,
  loadAggregate,
} from '@lianjian/event-store';
import { type Clock } from '@lianjian/calendar';
import { streamId } from '@lianjian/organizations-contracts';
import {
  type BuildingCommand,
  type BuildingEvent,
  type BuildingState,
  type MeetingEvent,
  type MeetingRecord,
  type MeetingState,
  type RecordMeeting,
  type OrganizationCommand,
  type OrganizationEvent,
  type OrganizationState,
  type PlaceProfile,
  type Person,
  type Region,
  type ServicePointCommand,
  type ServicePointEvent,
  type ServicePointProfile,
  type ServicePointState,
  type UnitCommand,
  type UnitEvent,
  type UnitProfile,
  type UnitState,
  type OrganizationType,
  type RulesConfiguration,
  decideBuilding,
  decideMeeting,
  decideOrganization,
  decideServicePoint,
  decideUnit,
  evolveBuilding,
  evolveMeeting,
  evolveOrganization,
  evolveServicePoint,
  evolveUnit,
  rulesFor,
  violation,
} from '@lianjian/organizations-domain';
import {
  type CurrentStateProjection,
  MOVES,
  type Place,
  organizationView,
  placeAfter,
} from '../infrastructure/current-state.projection';
import { fullMembersByUnit, organizationMemberCounts } from '../infrastructure/member-rosters';
import {
  type BuildingView,
  type MeetingView,
  type OrganizationView,
  type ServicePointView,
  type UnitView,
  type Views,
} from '../infrastructure/views';
import { relatedOf, scopeOf } from './scope';

const organizationDecider = deciderOf<OrganizationState, OrganizationCommand, OrganizationEvent>(
  decideOrganization,
  evolveOrganization,
  () => null,
);
const unitDecider = deciderOf<UnitState, UnitCommand, UnitEvent>(decideUnit, evolveUnit, () => null);
const buildingDecider = deciderOf<BuildingState, BuildingCommand, BuildingEvent>(
  decideBuilding,
  evolveBuilding,
  () => null,
);
const servicePointDecider = deciderOf<ServicePointState, ServicePointCommand, ServicePointEvent>(
  decideServicePoint,
  evolveServicePoint,
  () => null,
);
const meetingDecider = deciderOf<MeetingState, RecordMeeting, MeetingEvent>(decideMeeting, evolveMeeting, () => null);

/** Organizations live for decades (elections, coverage, moves): they load from a snapshot and the events after it. */
const ORGANIZATION_SNAPSHOTS: SnapshotPolicy = { schemaVersion: 1, every: 50 };

const organizationStream = (organizationId: string): string => streamId('organization', organizationId);

/** An organization as a command sees it: its stream folded (what the decider decides on), and its place in the tree. */
interface LoadedOrganization {
  readonly view: OrganizationView;
  readonly loaded: LoadedAggregate<OrganizationState>;
}

/** Inputs leave optional parts out; events always carry every field (null when unknown). */
const regionOf = (r: Partial<Region>): Region => ({
  district: r.district ?? null,
  street: r.street ?? null,
  community: r.community ?? null,
});
type PersonInput = { name: string; memberId?: string | null };
const personOf = (p: PersonInput): Person => ({ name: p.name, memberId: p.memberId ?? null });

/** The clock lives in @lianjian/calendar; this name stays for the module that builds the service. */
export { deploymentClock } from '@lianjian/calendar';

/**
 * Carries out organization, unit, building, service-point and meeting commands. A command on an organization loads
 * that organization's stream once (snapshot and exact keys), checks the caller's scope on it, gathers the facts the
 * tree rules need about other organizations (parent, target, children, units, buildings, members) from the read
 * models, lets the pure decider decide, appends once with the version it loaded, and answers with the state that
 * append produced. It never waits for the projection to reach the store's head: only until the read models hold
 * this process's own appends (`reachOwnWrites`, free when they already do), so a client that has just established
 * a parent can establish below it.
 */
export class OrganizationCommands {
  constructor(
    private readonly store: MongoEventStore,
    private readonly v: Views,
    private readonly projection: CurrentStateProjection,
    private readonly rules: RulesConfiguration,
    private readonly clock: Clock,
    private readonly onAppended: () => void,
  ) {}

  async establish(
    caller: Caller,
    input: {
      organizationId?: string | null;
      name: string;
      organizationType: OrganizationType;
      parentId?: string | null;
      region: Partial<Region>;
      buildingId?: string | null;
      establishedOn: string;
      documentNumber: string;
      unitIds?: string[] | null;
    } & CommandOptions,
  ): Promise<OrganizationView> {
    const parent = input.parentId ? await this.other(input.parentId, 'PARENT_NOT_FOUND', 'parentId') : null;
    if (parent) assertCanWrite(caller, scopeOf(parent));
    else if (caller.role !== 'CITY_ADMIN')
      throw new AuthError('FORBIDDEN', 'only the city admin establishes a top-level committee');
    assertCanWrite(caller, {
      district: input.region.district ?? null,
      organizationPath: parent ? scopeOf(parent).organizationPath : [],
    });
    await this.requireUnits(input.unitIds ?? []);
    if (input.buildingId) await this.requireBuilding(input.buildingId);
    const organizationId = input.organizationId ?? randomUUID();
    return this.runOrganization(
      caller,
      organizationId,
      input.organizationId ? undefined : 'new',
      parent,
      input.region.district ?? null,
      {
        kind: 'EstablishOrganization',
        organizationId,
        name: input.name,
        organizationType: input.organizationType,
        parent: parent ? relatedOf(parent) : null,
        region: regionOf(input.region),
        buildingId: input.buildingId ?? null,
        establishedOn: input.establishedOn,
        documentNumber: input.documentNumber,
        unitIds: input.unitIds ?? [],
        // 单独组建: the units' full members, from the members service's events (the rule applies to branches of units)
        fullMembersInUnits: input.unitIds?.length ? await this.fullMembersInUnits(input.unitIds) : null,
        ...this.dated(input.region.district ?? null),
      },
      input,
    );
  }

  async rename(
    caller: Caller,
    input: { organizationId: string; name: string; effectiveOn?: string | null } & CommandOptions,
  ): Promise<OrganizationView> {
    const org = await this.writable(caller, input.organizationId);
    return this.runOrganization(
      caller,
      org.view._id,
      org,
      null,
      org.view.region.district,
      {
        kind: 'RenameOrganization',
        name: input.name,
        effectiveOn: input.effectiveOn ?? this.clock.today(),
        ...this.dated(org.view.region.district),
      },
      input,
    );
  }

  async changeType(
    caller: Caller,
    input: {
      organizationId: string;
      organizationType: OrganizationType;
      effectiveOn?: string | null;
      documentNumber?: string | null;
    } & CommandOptions,
  ): Promise<OrganizationView> {
    const org = await this.writable(caller, input.organizationId);
    const parent = org.view.parentId ? await this.v.organizations.findOne({ _id: org.view.parentId }) : null;
    return this.runOrganization(
      caller,
      org.view._id,
      org,
      null,
      org.view.region.district,
      {
        kind: 'ChangeOrganizationType',
        organizationType: input.organizationType,
        parent: parent ? relatedOf(parent) : null,
        activeChildCount: await this.activeChildren(org.view._id),
        effectiveOn: input.effectiveOn ?? this.clock.today(),
        documentNumber: input.documentNumber ?? null,
        ...this.dated(org.view.region.district),
      },
      input,
    );
  }

  async reparent(
    caller: Caller,
    input: {
      organizationId: string;
      parentId: string;
      effectiveOn?: string | null;
      documentNumber?: string | null;
    } & CommandOptions,
  ): Promise<OrganizationView> {
    const org = await this.writable(caller, input.organizationId);
    this.refuseOwnRoot(caller, org.view);
    const parent = await this.other(input.parentId, 'PARENT_NOT_FOUND', 'parentId');
    assertCanWrite(caller, scopeOf(parent));
    return this.runOrganization(
      caller,
      org.view._id,
      org,
      parent,
      org.view.region.district,
      {
        kind: 'ReparentOrganization',
        newParent: relatedOf(parent),
        currentRegion: org.view.region,
        effectiveOn: input.effectiveOn ?? this.clock.today(),
        documentNumber: input.documentNumber ?? null,
        ...this.dated(org.view.region.district),
      },
      input,
    );
  }

  async transferToDistrict(
    caller: Caller,
    input: {
      organizationId: string;
      parentId: string;
      region: Partial<Region>;
      effectiveOn?: string | null;
      documentNumber: string;
    } & CommandOptions,
  ): Promise<OrganizationView> {
    const org = await this.writable(caller, input.organizationId);
    this.refuseOwnRoot(caller, org.view);
    const parent = await this.other(input.parentId, 'PARENT_NOT_FOUND', 'parentId');
    assertCanWrite(caller, scopeOf(parent)); // both districts: in practice the city level (整建制转移)
    return this.runOrganization(
      caller,
      org.view._id,
      org,
      parent,
      org.view.region.district,
      {
        kind: 'TransferOrganizationToDistrict',
        newParent: relatedOf(parent),
        currentRegion: org.view.region,
        region: regionOf(input.region),
        effectiveOn: input.effectiveOn ?? this.clock.today(),
        documentNumber: input.documentNumber,
        ...this.dated(org.view.region.district),
      },
      input,
    );
  }

  async merge(
    caller: Caller,
    input: {
      organizationId: string;
      targetId: string;
      effectiveOn?: string | null;
      documentNumber: string;
    } & CommandOptions,
  ): Promise<OrganizationView> {
    const org = await this.writable(caller, input.organizationId);
    this.refuseOwnRoot(caller, org.view);
    const target = await this.other(input.targetId, 'ORGANIZATION_NOT_FOUND', 'targetId');
    assertCanWrite(caller, scopeOf(target));
    return this.runOrganization(
      caller,
      org.view._id,
      org,
      null,
      org.view.region.district,
      {
        kind: 'MergeOrganization',
        target: relatedOf(target),
        activeChildCount: await this.activeChildren(org.view._id),
        effectiveOn: input.effectiveOn ?? this.clock.today(),
        documentNumber: input.documentNumber,
        ...this.dated(org.view.region.district),
      },
      input,
    );
  }

  async dissolve(
    caller: Caller,
    input: {
      organizationId: string;
      reason: string;
      effectiveOn?: string | null;
      documentNumber: string;
    } & CommandOptions,
  ): Promise<OrganizationView> {
    const org = await this.writable(caller, input.organizationId);
    this.refuseOwnRoot(caller, org.view);
    return this.runOrganization(
      caller,
      org.view._id,
      org,
      null,
      org.view.region.district,
      {
        kind: 'DissolveOrganization',
        reason: input.reason,
        activeChildCount: await this.activeChildren(org.view._id),
        memberFacts: await this.memberFacts(org.view._id),
        effectiveOn: input.effectiveOn ?? this.clock.today(),
        documentNumber: input.documentNumber,
        ...this.dated(org.view.region.district),
      },
      input,
    );
  }

  async electLeadership(
    caller: Caller,
    input: {
      organizationId: string;
      electedOn: string;
      secretary: PersonInput;
      deputySecretaries?: PersonInput[] | null;
      committeeMembers?: PersonInput[] | null;
    } & CommandOptions,
  ): Promise<OrganizationView> {
    const org = await this.writable(caller, input.organizationId);
    return this.runOrganization(
      caller,
      org.view._id,
      org,
      null,
      org.view.region.district,
      {
        kind: 'ElectLeadership',
        electedOn: input.electedOn,
        secretary: personOf(input.secretary),
        deputySecretaries: (input.deputySecretaries ?? []).map(personOf),
        committeeMembers: (input.committeeMembers ?? []).map(personOf),
        ...this.dated(org.view.region.district),
      },
      input,
    );
  }

  async coverUnits(
    caller: Caller,
    input: {
      organizationId: string;
      unitIds: string[];
      covered: boolean;
      effectiveOn?: string | null;
    } & CommandOptions,
  ): Promise<OrganizationView> {
    const org = await this.writable(caller, input.organizationId);
    if (input.covered) await this.requireUnits(input.unitIds);
    const effectiveOn = input.effectiveOn ?? this.clock.today();
    const district = org.view.region.district;
    const command: OrganizationCommand = input.covered
      ? { kind: 'CoverUnits', unitIds: input.unitIds, effectiveOn, ...this.dated(district) }
      : { kind: 'UncoverUnits', unitIds: input.unitIds, effectiveOn, ...this.dated(district) };
    return this.runOrganization(caller, org.view._id, org, null, district, command, input);
  }

  async registerUnit(
    caller: Caller,
    input: { unitId?: string | null; profile: UnitProfile } & CommandOptions,
  ): Promise<UnitView> {
    assertCanWrite(caller, { district: input.profile.region.district, organizationPath: [] });
    if (input.profile.buildingId) await this.requireBuilding(input.profile.buildingId);
    const unitId = input.unitId ?? randomUUID();
    const profile = { ...input.profile, region: regionOf(input.profile.region) };
    return this.run(
      unitId,
      streamId('unit', unitId),
      unitDecider,
      input.unitId ? undefined : 'new',
      { kind: 'RegisterUnit', unitId, profile },
      this.appendContext(caller, input, input.profile.region.district),
      input,
    );
  }

  async updateUnit(
    caller: Caller,
    input: { unitId: string; changes: Partial<UnitProfile> } & CommandOptions,
  ): Promise<UnitView> {
    const stream = streamId('unit', input.unitId);
    const loaded = await this.loadStream(stream, unitDecider);
    const unit = loaded.state ?? violation('UNIT_NOT_FOUND', 'no such unit', 'unitId');
    assertCanWrite(caller, { district: unit.region.district, organizationPath: [] });
    if (input.changes.region) assertCanWrite(caller, { district: input.changes.region.district, organizationPath: [] });
    const changes = input.changes.region ? { ...input.changes, region: regionOf(input.changes.region) } : input.changes;
    return this.run(
      input.unitId,
      stream,
      unitDecider,
      loaded,
      { kind: 'UpdateUnitProfile', changes },
      this.appendContext(caller, input, unit.region.district),
      input,
    );
  }

  async registerBuilding(
    caller: Caller,
    input: { buildingId?: string | null; profile: PlaceProfile } & CommandOptions,
  ): Promise<BuildingView> {
    assertCanWrite(caller, { district: input.profile.region.district, organizationPath: [] });
    const buildingId = input.buildingId ?? randomUUID();
    const profile = { ...input.profile, region: regionOf(input.profile.region) };
    return this.run(
      buildingId,
      streamId('building', buildingId),
      buildingDecider,
      input.buildingId ? undefined : 'new',
      { kind: 'RegisterBuilding', buildingId, profile },
      this.appendContext(caller, input, input.profile.region.district),
      input,
    );
  }

  async openServicePoint(
    caller: Caller,
    input: { servicePointId?: string | null; profile: ServicePointProfile; openedOn: string } & CommandOptions,
  ): Promise<ServicePointView> {
    const host = await this.other(input.profile.hostOrganizationId, 'ORGANIZATION_NOT_FOUND', 'hostOrganizationId');
    assertCanWrite(caller, scopeOf(host));
    if (input.profile.buildingId) await this.requireBuilding(input.profile.buildingId);
    const servicePointId = input.servicePointId ?? randomUUID();
    const command: ServicePointCommand = {
      kind: 'OpenServicePoint',
      servicePointId,
      profile: { ...input.profile, region: regionOf(input.profile.region) },
      openedOn: input.openedOn,
      today: this.clock.today(),
    };
    return this.run(
      servicePointId,
      streamId('servicePoint', servicePointId),
      servicePointDecider,
      input.servicePointId ? undefined : 'new',
      command,
      this.appendContext(caller, input, input.profile.region.district),
      input,
    );
  }

  async closeServicePoint(
    caller: Caller,
    input: { servicePointId: string; closedOn?: string | null } & CommandOptions,
  ): Promise<ServicePointView> {
    const stream = streamId('servicePoint', input.servicePointId);
    const loaded = await this.loadStream(stream, servicePointDecider);
    const point = loaded.state ?? violation('SERVICE_POINT_NOT_OPEN', 'no such service point', 'servicePointId');
    const host = await this.other(point.hostOrganizationId, 'ORGANIZATION_NOT_FOUND', 'hostOrganizationId');
    assertCanWrite(caller, scopeOf(host));
    return this.run(
      input.servicePointId,
      stream,
      servicePointDecider,
      loaded,
      { kind: 'CloseServicePoint', closedOn: input.closedOn ?? this.clock.today(), today: this.clock.today() },
      this.appendContext(caller, input, point.region.district),
      input,
    );
  }

  /** Organizational life: the organization owns the meeting; attendance reaches the members service as its event. */
  async recordMeeting(
    caller: Caller,
    input: Omit<MeetingRecord, 'meetingId' | 'host' | 'recorder' | 'absentees' | 'resolutions' | 'topics'> & {
      meetingId?: string | null;
      host: PersonInput;
      recorder: PersonInput;
      absentees?: MeetingRecord['absentees'] | null;
      topics: readonly string[];
      resolutions?: MeetingRecord['resolutions'] | null;
    } & CommandOptions,
  ): Promise<MeetingView> {
    const org = await this.writable(caller, input.organizationId);
    const meetingId = input.meetingId ?? randomUUID();
    const meeting: MeetingRecord = {
      meetingId,
      organizationId: org.view._id,
      meetingType: input.meetingType,
      heldOn: input.heldOn,
      host: personOf(input.host),
      recorder: personOf(input.recorder),
      attendeeIds: [...input.attendeeIds],
      absentees: [...(input.absentees ?? [])],
      topics: [...input.topics],
      resolutions: [...(input.resolutions ?? [])],
    };
    const command: RecordMeeting = {
      kind: 'RecordMeeting',
      meeting,
      organization: org.view,
      today: this.clock.today(),
    };
    return this.run(
      meetingId,
      streamId('meeting', meetingId),
      meetingDecider,
      input.meetingId ? undefined : 'new',
      command,
      this.appendContext(caller, input, org.view.region.district),
      input,
    );
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  /**
   * Decides on the organization as loaded and appends once; answers with the state the append produced, placed in
   * the tree as the projection will place it (a move: below its new parent). A replay of an earlier command, or an
   * append that had to decide again after another writer's commit, answers with the organization as it now stands.
   * `district` is the organization's district before the command: the append's context records it.
   */
  private async runOrganization(
    caller: Caller,
    organizationId: string,
    org: LoadedOrganization | 'new' | undefined,
    parent: OrganizationView | null,
    district: string | null,
    command: OrganizationCommand,
    options: CommandOptions,
  ): Promise<OrganizationView> {
    const start = org === 'new' || org === undefined ? org : org.loaded;
    const handled = await this.handle(
      organizationStream(organizationId),
      organizationDecider,
      start,
      command,
      this.appendContext(caller, options, district),
      options,
      ORGANIZATION_SNAPSHOTS,
    );
    const from = typeof start === 'object' ? start : { state: null, version: 0 };
    const appendedOnLoaded =
      handled.result !== null && !handled.result.duplicate && handled.version === from.version + handled.events.length;
    if (!appendedOnLoaded || !handled.state) return (await this.load(organizationId)).view;
    let state = from.state;
    let place: Place | null = typeof org === 'object' ? org.view : null;
    for (const event of handled.events as unknown as OrganizationEvent[]) {
      state = evolveOrganization(state, event);
      if (state) place = placeAfter(event.type, state, place, parent);
    }
    return organizationView(
      organizationId,
      handled.state,
      handled.version,
      place ?? { region: handled.state.region, ancestorIds: [] },
    );
  }

  /** Decides on a unit, building, service point or meeting as loaded, appends once, and answers with the new state. */
  private async run<S, C, E extends NewEvent>(
    id: string,
    stream: string,
    decider: Decider<S, C, E>,
    start: CommandStart<S>,
    command: C,
    context: AppendContext,
    options: CommandOptions,
  ): Promise<NonNullable<S> & { _id: string; version: number }> {
    const handled = await this.handle(stream, decider, start, command, context, options);
    if (!handled.state) throw new Error(`${stream}: the command left no state`);
    return { ...handled.state, _id: id, version: handled.version };
  }

  private async handle<S, C, E extends NewEvent>(
    stream: string,
    decider: Decider<S, C, E>,
    start: CommandStart<S>,
    command: C,
    context: AppendContext,
    options: CommandOptions,
    snapshots?: SnapshotPolicy,
  ): Promise<Handled<S, E>> {
    const handleOptions = commandHandleOptions(options, decider, start, snapshots);
    const handled = await handleCommand(this.store, stream, decider, command, context, handleOptions);
    if (handled.events.length) this.onAppended();
    return handled;
  }

  private loadStream<S, C, E extends NewEvent>(
    stream: string,
    decider: Decider<S, C, E>,
    snapshots?: SnapshotPolicy,
  ): Promise<LoadedAggregate<S>> {
    return loadAggregate<S, E>(this.store, stream, decider.evolve, decider.initialState, snapshots);
  }

  /** The organization a command acts on: its own stream, and its place in the tree; the caller may write to it. */
  private async writable(caller: Caller, organizationId: string): Promise<LoadedOrganization> {
    const org = await this.load(organizationId);
    assertCanWrite(caller, scopeOf(org.view));
    return org;
  }

  /** An organization's stream folded once (exact keys, from its snapshot), placed in the tree. */
  private async load(organizationId: string): Promise<LoadedOrganization> {
    await this.projection.reachOwnWrites();
    const [loaded, viewed] = await Promise.all([
      this.loadStream(organizationStream(organizationId), organizationDecider, ORGANIZATION_SNAPSHOTS),
      this.v.organizations.findOne({ _id: organizationId }),
    ]);
    if (!loaded.state)
      return violation('ORGANIZATION_NOT_FOUND', `no organization ${organizationId}`, 'organizationId');
    const place = await this.placeOf(organizationId, loaded.version, viewed);
    return { view: organizationView(organizationId, loaded.state, loaded.version, place), loaded };
  }

  /**
   * Where an organization stands in the tree (ancestors, and the district an ancestor's transfer may have given
   * it): facts only the projection knows, so its view. The view may miss commits of the organization's own stream
   * that another instance appended; that matters only when one of them moved it, and then this waits until the
   * projection holds that commit — never for the whole log.
   */
  private async placeOf(organizationId: string, version: number, viewed: OrganizationView | null): Promise<Place> {
    const seen = viewed?.version ?? 0;
    if (viewed && seen >= version) return viewed;
    const missing = await this.store.readStream(organizationStream(organizationId), {
      fromVersion: seen + 1,
      maxCount: version - seen,
    });
    const move = missing.filter((e) => MOVES.has(e.type)).at(-1);
    if (viewed && !move) return viewed;
    if (move) await this.projection.log.reach(move.globalPosition);
    const placed = await this.v.organizations.findOne({ _id: organizationId });
    if (!placed) throw new Error(`the projection has not placed organization ${organizationId} in the tree`);
    return placed;
  }

  /**
   * Another organization a command needs (a parent, a target, a host): its view, which holds at least this
   * process's own appends. One established through another instance and not projected yet is waited for (its
   * commit only), so a client that has just established it gets no refusal.
   */
  private async other(
    id: string,
    code: 'ORGANIZATION_NOT_FOUND' | 'PARENT_NOT_FOUND',
    field: string,
  ): Promise<OrganizationView> {
    await this.projection.reachOwnWrites();
    const view = await this.v.organizations.findOne({ _id: id });
    if (view) return view;
    const version = await this.store.streamVersion(organizationStream(id));
    const [last] =
      version > 0 ? await this.store.readStream(organizationStream(id), { fromVersion: version, maxCount: 1 }) : [];
    if (last) await this.projection.log.reach(last.globalPosition);
    return (
      (last ? await this.v.organizations.findOne({ _id: id }) : null) ?? violation(code, `no organization ${id}`, field)
    );
  }

  /** An organization admin manages below their root; moving, merging or dissolving the root is for those above. */
  private refuseOwnRoot(caller: Caller, org: OrganizationView): void {
    if (caller.role === 'ORGANIZATION_ADMIN' && caller.organizationId === org._id) {
      throw new AuthError(
        'FORBIDDEN',
        'the organization you administer is moved, merged or dissolved by the level above',
      );
    }
  }

  /** Active organizations directly below (one key: the projection's list of children). */
  private async activeChildren(organizationId: string): Promise<number> {
    await this.projection.reachOwnWrites();
    return (await this.projection.childrenOf(organizationId)).activeChildIds.length;
  }

  /** Full members of the units (单独组建), from the members service's events: the units' rosters, by key. */
  private async fullMembersInUnits(unitIds: readonly string[]): Promise<number> {
    const byUnit = await fullMembersByUnit(this.v.memberRosters, [...new Set(unitIds)]);
    return [...byUnit.values()].reduce((sum, n) => sum + n, 0);
  }

  /** Members of the organization (no dissolving it while it has any), from its roster, by key. */
  private memberFacts(organizationId: string): Promise<{ members: number; fullMembers: number }> {
    return organizationMemberCounts(this.v.memberRosters, organizationId);
  }

  private async requireUnits(unitIds: readonly string[]): Promise<void> {
    if (unitIds.length === 0) return;
    await this.projection.reachOwnWrites();
    const found = await this.v.units.countDocuments({ _id: { $in: [...new Set(unitIds)] } });
    if (found !== new Set(unitIds).size)
      violation('UNIT_NOT_FOUND', 'some of these units are not registered', 'unitIds');
  }

  private async requireBuilding(buildingId: string): Promise<void> {
    await this.projection.reachOwnWrites();
    if (!(await this.v.buildings.findOne({ _id: buildingId }, { projection: { _id: 1 } }))) {
      violation('BUILDING_NOT_FOUND', `no building ${buildingId}`, 'buildingId');
    }
  }

  private dated(district: string | null) {
    return { today: this.clock.today(), rules: rulesFor(this.rules, district) };
  }

  private appendContext(caller: Caller, options: CommandOptions, district: string | null): AppendContext {
    return commandContext(caller.subject, options, district);
  }
}
