import { randomUUID } from 'node:crypto';
import { AuthError, type Caller, assertCanWrite } from '@lianjian/auth';
import { type AppendContext, type Decider, type MongoEventStore, type RecordedEvent, handleCommand } from '@lianjian/event-store';
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
  toIsoDate,
  violation,
} from '@lianjian/organizations-domain';
import { type CurrentStateProjection } from '../infrastructure/current-state.projection';
import { type BuildingView, type MeetingView, type OrganizationView, type ServicePointView, type UnitView, type Views } from '../infrastructure/views';
import { relatedOf, scopeOf } from './scope';

const decider = <S, C, E extends { type: string; data: object }>(
  decide: (c: C, s: S) => E[],
  evolve: (s: S, e: E) => S,
  initialState: () => S,
): Decider<S, C, E & { data: Record<string, unknown> }> => ({
  initialState,
  decide: (c, s) => decide(c, s) as Array<E & { data: Record<string, unknown> }>,
  evolve: (s, e: RecordedEvent) => evolve(s, e as unknown as E),
});

const organizationDecider = decider<OrganizationState, OrganizationCommand, OrganizationEvent>(decideOrganization, evolveOrganization, () => null);
const unitDecider = decider<UnitState, UnitCommand, UnitEvent>(decideUnit, evolveUnit, () => null);
const buildingDecider = decider<BuildingState, BuildingCommand, BuildingEvent>(decideBuilding, evolveBuilding, () => null);
const servicePointDecider = decider<ServicePointState, ServicePointCommand, ServicePointEvent>(decideServicePoint, evolveServicePoint, () => null);
const meetingDecider = decider<MeetingState, RecordMeeting, MeetingEvent>(decideMeeting, evolveMeeting, () => null);

/** Inputs leave optional parts out; events always carry every field (null when unknown). */
const regionOf = (r: Partial<Region>): Region => ({ district: r.district ?? null, street: r.street ?? null, community: r.community ?? null });
type PersonInput = { name: string; memberId?: string | null };
const personOf = (p: PersonInput): Person => ({ name: p.name, memberId: p.memberId ?? null });

/** What every command may carry: an idempotency key and the version the client last saw. */
export interface CommandOptions {
  readonly commandId?: string | null;
  readonly expectedVersion?: number | null;
}

export interface Clock {
  today(): string;
}

export const deploymentClock = (utcOffsetMinutes: number, fixedToday: string | null = null): Clock => ({
  today: () => fixedToday ?? toIsoDate(new Date(Date.now() + utcOffsetMinutes * 60_000)),
});

/**
 * Carries out organization, unit, building and service-point commands: checks the caller's scope, gathers the
 * tree facts the rules need from the current state (caught up with the store first), lets the pure deciders
 * decide, appends with optimistic concurrency, and returns the new state.
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

  async establish(caller: Caller, input: { organizationId?: string | null; name: string; organizationType: OrganizationType; parentId?: string | null; region: Partial<Region>; buildingId?: string | null; establishedOn: string; documentNumber: string; unitIds?: string[] | null } & CommandOptions): Promise<OrganizationView> {
    await this.projection.reachHead();
    const parent = input.parentId ? await this.organization(input.parentId, 'PARENT_NOT_FOUND', 'parentId') : null;
    if (parent) assertCanWrite(caller, scopeOf(parent));
    else if (caller.role !== 'CITY_ADMIN') throw new AuthError('FORBIDDEN', 'only the city admin establishes a top-level committee');
    assertCanWrite(caller, { district: input.region.district ?? null, organizationPath: parent ? scopeOf(parent).organizationPath : [] });
    await this.requireUnits(input.unitIds ?? []);
    if (input.buildingId) await this.requireBuilding(input.buildingId);
    const organizationId = input.organizationId ?? randomUUID();
    return this.runOrganization(caller, organizationId, input.region.district ?? null, {
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
    }, input);
  }

  async rename(caller: Caller, input: { organizationId: string; name: string; effectiveOn?: string | null } & CommandOptions): Promise<OrganizationView> {
    const org = await this.writable(caller, input.organizationId);
    return this.runOrganization(caller, org._id, org.region.district, { kind: 'RenameOrganization', name: input.name, effectiveOn: input.effectiveOn ?? this.clock.today(), ...this.dated(org.region.district) }, input);
  }

  async changeType(caller: Caller, input: { organizationId: string; organizationType: OrganizationType; effectiveOn?: string | null; documentNumber?: string | null } & CommandOptions): Promise<OrganizationView> {
    const org = await this.writable(caller, input.organizationId);
    const parent = org.parentId ? await this.v.organizations.findOne({ _id: org.parentId }) : null;
    return this.runOrganization(caller, org._id, org.region.district, {
      kind: 'ChangeOrganizationType',
      organizationType: input.organizationType,
      parent: parent ? relatedOf(parent) : null,
      activeChildCount: await this.activeChildren(org._id),
      effectiveOn: input.effectiveOn ?? this.clock.today(),
      documentNumber: input.documentNumber ?? null,
      ...this.dated(org.region.district),
    }, input);
  }

  async reparent(caller: Caller, input: { organizationId: string; parentId: string; effectiveOn?: string | null; documentNumber?: string | null } & CommandOptions): Promise<OrganizationView> {
    const org = await this.writable(caller, input.organizationId);
    this.refuseOwnRoot(caller, org);
    const parent = await this.organization(input.parentId, 'PARENT_NOT_FOUND', 'parentId');
    assertCanWrite(caller, scopeOf(parent));
    return this.runOrganization(caller, org._id, org.region.district, { kind: 'ReparentOrganization', newParent: relatedOf(parent), currentRegion: org.region, effectiveOn: input.effectiveOn ?? this.clock.today(), documentNumber: input.documentNumber ?? null, ...this.dated(org.region.district) }, input);
  }

  async transferToDistrict(caller: Caller, input: { organizationId: string; parentId: string; region: Partial<Region>; effectiveOn?: string | null; documentNumber: string } & CommandOptions): Promise<OrganizationView> {
    const org = await this.writable(caller, input.organizationId);
    this.refuseOwnRoot(caller, org);
    const parent = await this.organization(input.parentId, 'PARENT_NOT_FOUND', 'parentId');
    assertCanWrite(caller, scopeOf(parent)); // both districts: in practice the city level (整建制转移)
    return this.runOrganization(caller, org._id, org.region.district, { kind: 'TransferOrganizationToDistrict', newParent: relatedOf(parent), currentRegion: org.region, region: regionOf(input.region), effectiveOn: input.effectiveOn ?? this.clock.today(), documentNumber: input.documentNumber, ...this.dated(org.region.district) }, input);
  }

  async merge(caller: Caller, input: { organizationId: string; targetId: string; effectiveOn?: string | null; documentNumber: string } & CommandOptions): Promise<OrganizationView> {
    const org = await this.writable(caller, input.organizationId);
    this.refuseOwnRoot(caller, org);
    const target = await this.organization(input.targetId, 'ORGANIZATION_NOT_FOUND', 'targetId');
    assertCanWrite(caller, scopeOf(target));
    return this.runOrganization(caller, org._id, org.region.district, { kind: 'MergeOrganization', target: relatedOf(target), activeChildCount: await this.activeChildren(org._id), effectiveOn: input.effectiveOn ?? this.clock.today(), documentNumber: input.documentNumber, ...this.dated(org.region.district) }, input);
  }

  async dissolve(caller: Caller, input: { organizationId: string; reason: string; effectiveOn?: string | null; documentNumber: string } & CommandOptions): Promise<OrganizationView> {
    const org = await this.writable(caller, input.organizationId);
    this.refuseOwnRoot(caller, org);
    return this.runOrganization(caller, org._id, org.region.district, { kind: 'DissolveOrganization', reason: input.reason, activeChildCount: await this.activeChildren(org._id), memberFacts: await this.memberFacts(org._id), effectiveOn: input.effectiveOn ?? this.clock.today(), documentNumber: input.documentNumber, ...this.dated(org.region.district) }, input);
  }

  async electLeadership(caller: Caller, input: { organizationId: string; electedOn: string; secretary: PersonInput; deputySecretaries?: PersonInput[] | null; committeeMembers?: PersonInput[] | null } & CommandOptions): Promise<OrganizationView> {
    const org = await this.writable(caller, input.organizationId);
    return this.runOrganization(caller, org._id, org.region.district, { kind: 'ElectLeadership', electedOn: input.electedOn, secretary: personOf(input.secretary), deputySecretaries: (input.deputySecretaries ?? []).map(personOf), committeeMembers: (input.committeeMembers ?? []).map(personOf), ...this.dated(org.region.district) }, input);
  }

  async coverUnits(caller: Caller, input: { organizationId: string; unitIds: string[]; covered: boolean; effectiveOn?: string | null } & CommandOptions): Promise<OrganizationView> {
    const org = await this.writable(caller, input.organizationId);
    if (input.covered) await this.requireUnits(input.unitIds);
    const effectiveOn = input.effectiveOn ?? this.clock.today();
    const command: OrganizationCommand = input.covered
      ? { kind: 'CoverUnits', unitIds: input.unitIds, effectiveOn, ...this.dated(org.region.district) }
      : { kind: 'UncoverUnits', unitIds: input.unitIds, effectiveOn, ...this.dated(org.region.district) };
    return this.runOrganization(caller, org._id, org.region.district, command, input);
  }

  async registerUnit(caller: Caller, input: { unitId?: string | null; profile: UnitProfile } & CommandOptions): Promise<UnitView> {
    assertCanWrite(caller, { district: input.profile.region.district, organizationPath: [] });
    if (input.profile.buildingId) await this.requireBuilding(input.profile.buildingId);
    const unitId = input.unitId ?? randomUUID();
    const profile = { ...input.profile, region: regionOf(input.profile.region) };
    await handleCommand(this.store, streamId('unit', unitId), unitDecider, { kind: 'RegisterUnit', unitId, profile }, this.appendContext(caller, input, input.profile.region.district), this.options(input));
    return this.afterAppend(() => this.v.units.findOne({ _id: unitId }));
  }

  async updateUnit(caller: Caller, input: { unitId: string; changes: Partial<UnitProfile> } & CommandOptions): Promise<UnitView> {
    const unit = await this.v.units.findOne({ _id: input.unitId });
    if (!unit) return violation('UNIT_NOT_FOUND', 'no such unit', 'unitId');
    assertCanWrite(caller, { district: unit.region.district, organizationPath: [] });
    if (input.changes.region) assertCanWrite(caller, { district: input.changes.region.district, organizationPath: [] });
    const changes = input.changes.region ? { ...input.changes, region: regionOf(input.changes.region) } : input.changes;
    await handleCommand(this.store, streamId('unit', unit._id), unitDecider, { kind: 'UpdateUnitProfile', changes }, this.appendContext(caller, input, unit.region.district), this.options(input));
    return this.afterAppend(() => this.v.units.findOne({ _id: unit._id }));
  }

  async registerBuilding(caller: Caller, input: { buildingId?: string | null; profile: PlaceProfile } & CommandOptions): Promise<BuildingView> {
    assertCanWrite(caller, { district: input.profile.region.district, organizationPath: [] });
    const buildingId = input.buildingId ?? randomUUID();
    const profile = { ...input.profile, region: regionOf(input.profile.region) };
    await handleCommand(this.store, streamId('building', buildingId), buildingDecider, { kind: 'RegisterBuilding', buildingId, profile }, this.appendContext(caller, input, input.profile.region.district), this.options(input));
    return this.afterAppend(() => this.v.buildings.findOne({ _id: buildingId }));
  }

  async openServicePoint(caller: Caller, input: { servicePointId?: string | null; profile: ServicePointProfile; openedOn: string } & CommandOptions): Promise<ServicePointView> {
    await this.projection.reachHead();
    const host = await this.organization(input.profile.hostOrganizationId, 'ORGANIZATION_NOT_FOUND', 'hostOrganizationId');
    assertCanWrite(caller, scopeOf(host));
    if (input.profile.buildingId) await this.requireBuilding(input.profile.buildingId);
    const servicePointId = input.servicePointId ?? randomUUID();
    await handleCommand(this.store, streamId('servicePoint', servicePointId), servicePointDecider, { kind: 'OpenServicePoint', servicePointId, profile: { ...input.profile, region: regionOf(input.profile.region) }, openedOn: input.openedOn, today: this.clock.today() }, this.appendContext(caller, input, input.profile.region.district), this.options(input));
    return this.afterAppend(() => this.v.servicePoints.findOne({ _id: servicePointId }));
  }

  async closeServicePoint(caller: Caller, input: { servicePointId: string; closedOn?: string | null } & CommandOptions): Promise<ServicePointView> {
    await this.projection.reachHead();
    const point = await this.v.servicePoints.findOne({ _id: input.servicePointId });
    if (!point) return violation('SERVICE_POINT_NOT_OPEN', 'no such service point', 'servicePointId');
    const host = await this.organization(point.hostOrganizationId, 'ORGANIZATION_NOT_FOUND', 'hostOrganizationId');
    assertCanWrite(caller, scopeOf(host));
    await handleCommand(this.store, streamId('servicePoint', point._id), servicePointDecider, { kind: 'CloseServicePoint', closedOn: input.closedOn ?? this.clock.today(), today: this.clock.today() }, this.appendContext(caller, input, point.region.district), this.options(input));
    return this.afterAppend(() => this.v.servicePoints.findOne({ _id: point._id }));
  }

  /** Organizational life: the organization owns the meeting; attendance reaches the members service as its event. */
  async recordMeeting(caller: Caller, input: Omit<MeetingRecord, 'meetingId' | 'host' | 'recorder' | 'absentees' | 'resolutions' | 'topics'> & { meetingId?: string | null; host: PersonInput; recorder: PersonInput; absentees?: MeetingRecord['absentees'] | null; topics: readonly string[]; resolutions?: MeetingRecord['resolutions'] | null } & CommandOptions): Promise<MeetingView> {
    const org = await this.writable(caller, input.organizationId);
    const meetingId = input.meetingId ?? randomUUID();
    const meeting: MeetingRecord = {
      meetingId,
      organizationId: org._id,
      meetingType: input.meetingType,
      heldOn: input.heldOn,
      host: personOf(input.host),
      recorder: personOf(input.recorder),
      attendeeIds: [...input.attendeeIds],
      absentees: [...(input.absentees ?? [])],
      topics: [...input.topics],
      resolutions: [...(input.resolutions ?? [])],
    };
    await handleCommand(this.store, streamId('meeting', meetingId), meetingDecider, { kind: 'RecordMeeting', meeting, organization: org, today: this.clock.today() }, this.appendContext(caller, input, org.region.district), this.options(input));
    return this.afterAppend(() => this.v.meetings.findOne({ _id: meetingId }));
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  /** `district` is the organization's district before the command: the append's context records it. */
  private async runOrganization(caller: Caller, organizationId: string, district: string | null, command: OrganizationCommand, options: CommandOptions): Promise<OrganizationView> {
    await handleCommand(this.store, streamId('organization', organizationId), organizationDecider, command, this.appendContext(caller, options, district), this.options(options));
    return this.afterAppend(() => this.v.organizations.findOne({ _id: organizationId }));
  }

  private async afterAppend<T>(read: () => Promise<T | null>): Promise<T> {
    this.onAppended();
    await this.projection.reachHead();
    const result = await read();
    if (!result) throw new Error('the projection did not reflect the append');
    return result;
  }

  private async writable(caller: Caller, organizationId: string): Promise<OrganizationView> {
    await this.projection.reachHead();
    const org = await this.organization(organizationId, 'ORGANIZATION_NOT_FOUND', 'organizationId');
    assertCanWrite(caller, scopeOf(org));
    return org;
  }

  private async organization(id: string, code: 'ORGANIZATION_NOT_FOUND' | 'PARENT_NOT_FOUND', field: string): Promise<OrganizationView> {
    const org = await this.v.organizations.findOne({ _id: id });
    return org ?? violation(code, `no organization ${id}`, field);
  }

  /** An organization admin manages below their root; moving, merging or dissolving the root is for those above. */
  private refuseOwnRoot(caller: Caller, org: OrganizationView): void {
    if (caller.role === 'ORGANIZATION_ADMIN' && caller.organizationId === org._id) {
      throw new AuthError('FORBIDDEN', 'the organization you administer is moved, merged or dissolved by the level above');
    }
  }

  private activeChildren(organizationId: string): Promise<number> {
    return this.v.organizations.countDocuments({ parentId: organizationId, status: 'active' });
  }

  private fullMembersInUnits(unitIds: readonly string[]): Promise<number> {
    return this.v.memberFacts.countDocuments({ unitId: { $in: [...new Set(unitIds)] }, stage: 'FullMember', counted: true });
  }

  private async memberFacts(organizationId: string): Promise<{ members: number; fullMembers: number }> {
    const [members, fullMembers] = await Promise.all([
      this.v.memberFacts.countDocuments({ organizationId, counted: true }),
      this.v.memberFacts.countDocuments({ organizationId, counted: true, stage: 'FullMember' }),
    ]);
    return { members, fullMembers };
  }

  private async requireUnits(unitIds: readonly string[]): Promise<void> {
    if (unitIds.length === 0) return;
    const found = await this.v.units.countDocuments({ _id: { $in: [...new Set(unitIds)] } });
    if (found !== new Set(unitIds).size) violation('UNIT_NOT_FOUND', 'some of these units are not registered', 'unitIds');
  }

  private async requireBuilding(buildingId: string): Promise<void> {
    if (!(await this.v.buildings.findOne({ _id: buildingId }, { projection: { _id: 1 } }))) {
      violation('BUILDING_NOT_FOUND', `no building ${buildingId}`, 'buildingId');
    }
  }

  private dated(district: string | null) {
    return { today: this.clock.today(), rules: rulesFor(this.rules, district) };
  }

  private appendContext(caller: Caller, options: CommandOptions, district: string | null): AppendContext {
    const commitId = options.commandId ?? randomUUID();
    return { commitId, actor: caller.subject, district, correlationId: commitId, causationId: null };
  }

  private options(options: CommandOptions) {
    return options.expectedVersion === undefined || options.expectedVersion === null ? {} : { expectedVersion: options.expectedVersion };
  }
}
