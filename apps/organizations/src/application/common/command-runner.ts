import { AuthError, type Caller, assertCanWrite } from '@lianjian/auth';
import {
  type AppendContext,
  type CommandOptions,
  type CommandStart,
  type Decider,
  type EventStore,
  type Handled,
  type LoadedAggregate,
  type NewEvent,
  type SnapshotPolicy,
  commandContext,
  commandHandleOptions,
  deciderOf,
  handleCommand,
  loadAggregate,
} from '@lianjian/event-store';
import { maskName } from '@lianjian/contracts';
import { type Clock } from '@lianjian/calendar';
import { streamId } from '@lianjian/organizations-contracts';
import {
  type BuildingCommand,
  type BuildingEvent,
  type BuildingState,
  type MeetingEvent,
  type MeetingState,
  type RecordMeeting,
  type OrganizationCommand,
  type OrganizationEvent,
  type OrganizationState,
  type Person,
  type Region,
  type RulesConfiguration,
  type ServicePointCommand,
  type ServicePointEvent,
  type ServicePointState,
  type UnitCommand,
  type UnitEvent,
  type UnitState,
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
import { MOVES, type Place, organizationView, placeAfter } from './placement';
import { type OrganizationView } from '../read-models';
import { scopeOf } from '../scope';
import { type ReadModels } from './read-models.port';

export const organizationDecider = deciderOf<OrganizationState, OrganizationCommand, OrganizationEvent>(
  decideOrganization,
  evolveOrganization,
  () => null,
);
export const unitDecider = deciderOf<UnitState, UnitCommand, UnitEvent>(decideUnit, evolveUnit, () => null);
export const buildingDecider = deciderOf<BuildingState, BuildingCommand, BuildingEvent>(
  decideBuilding,
  evolveBuilding,
  () => null,
);
export const servicePointDecider = deciderOf<ServicePointState, ServicePointCommand, ServicePointEvent>(
  decideServicePoint,
  evolveServicePoint,
  () => null,
);
export const meetingDecider = deciderOf<MeetingState, RecordMeeting, MeetingEvent>(
  decideMeeting,
  evolveMeeting,
  () => null,
);

/** Organizations live for decades (elections, coverage, moves): they load from a snapshot and the events after it. */
/** Version 2: people in the leadership by member id and masked name (LeadershipElected v2). */
export const ORGANIZATION_SNAPSHOTS: SnapshotPolicy = { schemaVersion: 2, every: 50 };

const organizationStream = (organizationId: string): string => streamId('organization', organizationId);

/** An organization as a command sees it: its stream folded (what the decider decides on), and its place in the tree. */
export interface LoadedOrganization {
  readonly view: OrganizationView;
  readonly loaded: LoadedAggregate<OrganizationState>;
}

/** Inputs leave optional parts out; events always carry every field (null when unknown). */
export const regionOf = (r: Partial<Region>): Region => ({
  district: r.district ?? null,
  street: r.street ?? null,
  community: r.community ?? null,
});
export type PersonInput = { name: string; memberId?: string | null };
/** A person as the events name them: by member id, the name masked; the clear name is not kept (ADR 0010). */
export const personOf = (p: PersonInput): Person => ({ memberId: p.memberId ?? null, maskedName: maskName(p.name) });

/** What a command reads of the views: the organizations, units and buildings by key, the tree's children, the rosters. */
export type CommandReadModels = Pick<
  ReadModels,
  'freshness' | 'organizations' | 'units' | 'buildings' | 'tree' | 'rosters'
>;

/**
 * What every command handler does the same way. A command on an organization loads that organization's stream once
 * (snapshot and exact keys), checks the caller's scope on it, gathers the facts the tree rules need about other
 * organizations (parent, target, children, units, buildings, members) from the read models, lets the pure decider
 * decide, appends once with the version it loaded, and answers with the state that append produced. It never waits
 * for the projection to reach the store's head: only until the read models hold this process's own appends
 * (`reachOwnWrites`, free when they already do), so a client that has just established a parent can establish below
 * it.
 */
export class CommandRunner {
  constructor(
    private readonly store: EventStore,
    readonly views: CommandReadModels,
    private readonly rules: RulesConfiguration,
    readonly clock: Clock,
    private readonly onAppended: () => void,
  ) {}

  /**
   * Decides on the organization as loaded and appends once; answers with the state the append produced, placed in
   * the tree as the projection will place it (a move: below its new parent). A replay of an earlier command, or an
   * append that had to decide again after another writer's commit, answers with the organization as it now stands.
   * `district` is the organization's district before the command: the append's context records it.
   */
  async runOrganization(
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
  async run<S, C, E extends NewEvent>(
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

  /** Decides and appends on a stream nobody consumes (an organization's place gate): no relay to wake. */
  decideUnpublished<S, C, E extends NewEvent>(
    stream: string,
    decider: Decider<S, C, E>,
    command: C,
    context: AppendContext,
  ): Promise<Handled<S, E>> {
    return handleCommand(this.store, stream, decider, command, context);
  }

  loadStream<S, C, E extends NewEvent>(
    stream: string,
    decider: Decider<S, C, E>,
    snapshots?: SnapshotPolicy,
  ): Promise<LoadedAggregate<S>> {
    return loadAggregate<S, E>(this.store, stream, decider.evolve, decider.initialState, snapshots);
  }

  /** The organization a command acts on: its own stream, and its place in the tree; the caller may write to it. */
  async writable(caller: Caller, organizationId: string): Promise<LoadedOrganization> {
    const org = await this.load(organizationId);
    assertCanWrite(caller, scopeOf(org.view));
    return org;
  }

  /** An organization's stream folded once (exact keys, from its snapshot), placed in the tree. */
  private async load(organizationId: string): Promise<LoadedOrganization> {
    await this.views.freshness.reachOwnWrites();
    const [loaded, viewed] = await Promise.all([
      this.loadStream(organizationStream(organizationId), organizationDecider, ORGANIZATION_SNAPSHOTS),
      this.views.organizations.byId(organizationId),
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
    if (move) await this.views.freshness.reach(move.globalPosition);
    const placed = await this.views.organizations.byId(organizationId);
    if (!placed) throw new Error(`the projection has not placed organization ${organizationId} in the tree`);
    return placed;
  }

  /**
   * Another organization a command needs (a parent, a target, a host): its view, which holds at least this
   * process's own appends. One established through another instance and not projected yet is waited for (its
   * commit only), so a client that has just established it gets no refusal.
   */
  async other(
    id: string,
    code: 'ORGANIZATION_NOT_FOUND' | 'PARENT_NOT_FOUND',
    field: string,
  ): Promise<OrganizationView> {
    await this.views.freshness.reachOwnWrites();
    const view = await this.views.organizations.byId(id);
    if (view) return view;
    const version = await this.store.streamVersion(organizationStream(id));
    const [last] =
      version > 0 ? await this.store.readStream(organizationStream(id), { fromVersion: version, maxCount: 1 }) : [];
    if (last) await this.views.freshness.reach(last.globalPosition);
    return (last ? await this.views.organizations.byId(id) : null) ?? violation(code, `no organization ${id}`, field);
  }

  /** An organization admin manages below their root; moving, merging or dissolving the root is for those above. */
  refuseOwnRoot(caller: Caller, org: OrganizationView): void {
    if (caller.role === 'ORGANIZATION_ADMIN' && caller.organizationId === org._id) {
      throw new AuthError(
        'FORBIDDEN',
        'the organization you administer is moved, merged or dissolved by the level above',
      );
    }
  }

  /** Active organizations directly below (one key: the projection's list of children). */
  async activeChildren(organizationId: string): Promise<number> {
    await this.views.freshness.reachOwnWrites();
    return (await this.views.tree.childrenOf(organizationId)).activeChildIds.length;
  }

  /** Full members of the units (单独组建), from the members service's events: the units' rosters, by key. */
  async fullMembersInUnits(unitIds: readonly string[]): Promise<number> {
    const byUnit = await this.views.rosters.fullMembersByUnit([...new Set(unitIds)]);
    return [...byUnit.values()].reduce((sum, n) => sum + n, 0);
  }

  /** Members of the organization (no dissolving it while it has any), from its roster, by key. */
  memberFacts(organizationId: string): Promise<{ members: number; fullMembers: number }> {
    return this.views.rosters.organizationCounts(organizationId);
  }

  /** Registered units, each in the registry of a district the caller may place in (`assertRegistryDistrict`). */
  async requireUnits(caller: Caller, unitIds: readonly string[]): Promise<void> {
    if (unitIds.length === 0) return;
    await this.views.freshness.reachOwnWrites();
    const wanted = new Set(unitIds);
    const found = await this.views.units.byIds([...wanted]);
    if (found.length !== wanted.size) violation('UNIT_NOT_FOUND', 'some of these units are not registered', 'unitIds');
    for (const district of new Set(found.map((u) => u.region.district)))
      await this.assertRegistryDistrict(caller, district);
  }

  /** A registered building, in the registry of a district the caller may place in (`assertRegistryDistrict`). */
  async requireBuilding(caller: Caller, buildingId: string): Promise<void> {
    await this.views.freshness.reachOwnWrites();
    const building = await this.views.buildings.byId(buildingId);
    if (!building) return violation('BUILDING_NOT_FOUND', `no building ${buildingId}`, 'buildingId');
    await this.assertRegistryDistrict(caller, building.region.district);
  }

  /**
   * Units, buildings and service points belong to the registry of a district: a command covers, places in or refers
   * to those of a district whose registry the caller reads — the city admin any, a district admin their district, an
   * organization admin the district of their organization (ADR 0007). Readers and members place nothing.
   */
  async assertRegistryDistrict(caller: Caller, district: string | null): Promise<void> {
    if (caller.role === 'CITY_ADMIN') return;
    let own: string | null = null;
    if (caller.role === 'DISTRICT_ADMIN') own = caller.district;
    if (caller.role === 'ORGANIZATION_ADMIN') {
      await this.views.freshness.reachOwnWrites();
      own = (await this.views.organizations.byId(caller.organizationId ?? ''))?.region.district ?? null;
    }
    if (own === null || district !== own)
      throw new AuthError('FORBIDDEN', `the registry of ${district ?? 'the city'} is outside your scope`);
  }

  /** Today, and the setting rules of the district, as every organization command carries them. */
  dated(district: string | null) {
    return { today: this.clock.today(), rules: rulesFor(this.rules, district) };
  }

  appendContext(caller: Caller, options: CommandOptions, district: string | null): AppendContext {
    return commandContext(caller.subject, options, district);
  }
}
