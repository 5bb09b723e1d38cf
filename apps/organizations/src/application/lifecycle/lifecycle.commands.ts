import { randomUUID } from 'node:crypto';
import { AuthError, type Caller, assertCanWrite } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import {
  type OrganizationCommand,
  type OrganizationType,
  type Region,
  isBranchType,
} from '@lianjian/organizations-domain';
import { type OrganizationView } from '../read-models';
import { type CommandRunner, regionOf } from '../common/command-runner';
import { Reservations } from '../common/reservations';
import { relatedOf, scopeOf } from '../scope';

/** The service itself, when it acts on what another service published (the actor of its events). */
const THE_SERVICE: Caller = {
  subject: 'organizations-service',
  role: 'CITY_ADMIN',
  district: null,
  organizationId: null,
  memberId: null,
};

/** The organization lifecycle: establish, rename, change type, reparent, transfer to another district, merge, dissolve. */
export class LifecycleCommands {
  private readonly reservations: Reservations;

  constructor(
    private readonly runner: CommandRunner,
    now?: () => number,
  ) {
    this.reservations = new Reservations(runner, now);
  }

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
    const parent = input.parentId ? await this.runner.other(input.parentId, 'PARENT_NOT_FOUND', 'parentId') : null;
    if (parent) assertCanWrite(caller, scopeOf(parent));
    else if (caller.role !== 'CITY_ADMIN')
      throw new AuthError('FORBIDDEN', 'only the city admin establishes a top-level committee');
    assertCanWrite(caller, {
      district: input.region.district ?? null,
      organizationPath: parent ? scopeOf(parent).organizationPath : [],
    });
    await this.runner.requireUnits(caller, input.unitIds ?? []);
    if (input.buildingId) await this.runner.requireBuilding(caller, input.buildingId);
    const organizationId = input.organizationId ?? randomUUID();
    const command: OrganizationCommand = {
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
      // 单独组建: the units' full members, from the members service's events (none without units)
      fullMembersInUnits: input.unitIds?.length ? await this.runner.fullMembersInUnits(input.unitIds) : 0,
      ...this.runner.dated(input.region.district ?? null),
    };
    // a place below the parent, reserved on its stream: no dissolving it meanwhile (ADR 0008)
    if (parent) await this.reservations.reserve(caller, parent, organizationId, 'Subordinate', command, null);
    return this.runner.runOrganization(
      caller,
      organizationId,
      input.organizationId ? undefined : 'new',
      parent,
      input.region.district ?? null,
      command,
      input,
    );
  }

  async rename(
    caller: Caller,
    input: { organizationId: string; name: string; effectiveOn?: string | null } & CommandOptions,
  ): Promise<OrganizationView> {
    const org = await this.runner.writable(caller, input.organizationId);
    return this.runner.runOrganization(
      caller,
      org.view._id,
      org,
      null,
      org.view.region.district,
      {
        kind: 'RenameOrganization',
        name: input.name,
        effectiveOn: input.effectiveOn ?? this.runner.clock.today(),
        ...this.runner.dated(org.view.region.district),
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
    const org = await this.runner.writable(caller, input.organizationId);
    const parent = org.view.parentId ? await this.runner.views.organizations.byId(org.view.parentId) : null;
    const change = async (activeChildCount: number) =>
      this.runner.runOrganization(
        caller,
        org.view._id,
        org,
        null,
        org.view.region.district,
        {
          kind: 'ChangeOrganizationType',
          organizationType: input.organizationType,
          parent: parent ? relatedOf(parent) : null,
          activeChildCount,
          memberFacts: await this.runner.memberFacts(org.view._id),
          effectiveOn: input.effectiveOn ?? this.runner.clock.today(),
          documentNumber: input.documentNumber ?? null,
          ...this.runner.dated(org.view.region.district),
        },
        input,
      );
    // a type without subordinates (a branch, a party group): behind a fence, no subordinate placed meanwhile
    return isBranchType(input.organizationType) || input.organizationType === 'PartyGroup'
      ? this.reservations.fenced(caller, org, 'Subordinate', change)
      : change(await this.runner.activeChildren(org.view._id));
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
    const org = await this.runner.writable(caller, input.organizationId);
    this.runner.refuseOwnRoot(caller, org.view);
    const parent = await this.runner.other(input.parentId, 'PARENT_NOT_FOUND', 'parentId');
    assertCanWrite(caller, scopeOf(parent));
    const command: OrganizationCommand = {
      kind: 'ReparentOrganization',
      newParent: relatedOf(parent),
      currentRegion: org.view.region,
      effectiveOn: input.effectiveOn ?? this.runner.clock.today(),
      documentNumber: input.documentNumber ?? null,
      ...this.runner.dated(org.view.region.district),
    };
    await this.reservations.reserve(caller, parent, org.view._id, 'Subordinate', command, org.loaded.state);
    return this.runner.runOrganization(caller, org.view._id, org, parent, org.view.region.district, command, input);
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
    const org = await this.runner.writable(caller, input.organizationId);
    this.runner.refuseOwnRoot(caller, org.view);
    const parent = await this.runner.other(input.parentId, 'PARENT_NOT_FOUND', 'parentId');
    assertCanWrite(caller, scopeOf(parent)); // both districts: in practice the city level (整建制转移)
    const command: OrganizationCommand = {
      kind: 'TransferOrganizationToDistrict',
      newParent: relatedOf(parent),
      currentRegion: org.view.region,
      region: regionOf(input.region),
      effectiveOn: input.effectiveOn ?? this.runner.clock.today(),
      documentNumber: input.documentNumber,
      ...this.runner.dated(org.view.region.district),
    };
    await this.reservations.reserve(caller, parent, org.view._id, 'Subordinate', command, org.loaded.state);
    return this.runner.runOrganization(caller, org.view._id, org, parent, org.view.region.district, command, input);
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
    const org = await this.runner.writable(caller, input.organizationId);
    this.runner.refuseOwnRoot(caller, org.view);
    const target = await this.runner.other(input.targetId, 'ORGANIZATION_NOT_FOUND', 'targetId');
    assertCanWrite(caller, scopeOf(target));
    // behind a fence on its own gate (nothing placed below it meanwhile), and reserved on the target's gate (the
    // target not dissolved meanwhile)
    return this.reservations.fenced(caller, org, null, async (activeChildCount) => {
      const command: OrganizationCommand = {
        kind: 'MergeOrganization',
        target: relatedOf(target),
        activeChildCount,
        memberFacts: await this.runner.memberFacts(org.view._id),
        effectiveOn: input.effectiveOn ?? this.runner.clock.today(),
        documentNumber: input.documentNumber,
        ...this.runner.dated(org.view.region.district),
      };
      await this.reservations.reserve(caller, target, org.view._id, 'Merge', command, org.loaded.state);
      return this.runner.runOrganization(caller, org.view._id, org, null, org.view.region.district, command, input);
    });
  }

  /**
   * A member registered to an organization while it was being dissolved (the members service had not learned of the
   * dissolution yet; the dissolution had not seen the member): the service itself voids the dissolution, so no
   * member stays below a dissolved organization (ADR 0011). Called with the organizations of the registrations the
   * member facts just took in; only the dissolved ones change. Returns the ones reinstated.
   */
  async reinstateAfterLateRegistrations(organizationIds: readonly string[]): Promise<string[]> {
    const ids = [...new Set(organizationIds)];
    if (ids.length === 0) return [];
    await this.runner.views.freshness.reachOwnWrites();
    const dissolved = (await this.runner.views.organizations.byIds(ids)).filter((o) => o.status === 'dissolved');
    const reinstated: string[] = [];
    for (const view of dissolved) {
      const org = await this.runner.writable(THE_SERVICE, view._id);
      if (org.view.status !== 'dissolved') continue;
      await this.runner.runOrganization(
        THE_SERVICE,
        view._id,
        org,
        null,
        org.view.region.district,
        {
          kind: 'ReinstateOrganization',
          reason: 'a member was registered to it while it was being dissolved',
          ...this.runner.dated(org.view.region.district),
        },
        { commandId: `reinstate-${view._id}-${org.loaded.version}` },
      );
      reinstated.push(view._id);
    }
    return reinstated;
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
    const org = await this.runner.writable(caller, input.organizationId);
    this.runner.refuseOwnRoot(caller, org.view);
    // behind a fence on its gate: no subordinate placed below it meanwhile (ADR 0008)
    return this.reservations.fenced(caller, org, null, async (activeChildCount) =>
      this.runner.runOrganization(
        caller,
        org.view._id,
        org,
        null,
        org.view.region.district,
        {
          kind: 'DissolveOrganization',
          reason: input.reason,
          activeChildCount,
          memberFacts: await this.runner.memberFacts(org.view._id),
          effectiveOn: input.effectiveOn ?? this.runner.clock.today(),
          documentNumber: input.documentNumber,
          ...this.runner.dated(org.view.region.district),
        },
        input,
      ),
    );
  }
}
