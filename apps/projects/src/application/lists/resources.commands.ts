import { randomUUID } from 'node:crypto';
import { type Caller } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import {
  type Council,
  type NeedCategory,
  type Resource,
  type ResourceCommand,
  type ResourceEvent,
  type ResourceKind,
  councilMemberUnitIds,
  decideResource,
  evolveResource,
  refuse,
} from '@lianjian/projects-domain';
import { type CommandSupport, type Loaded, type Undated, type StreamDecider } from '../common/command-support';
import { type CouncilAccess } from '../common/council-access';
import { COUNCIL_DECIDER } from '../councils/council.commands';

export const RESOURCE_DECIDER: StreamDecider<Resource, ResourceCommand, ResourceEvent> = {
  category: 'resource',
  decide: decideResource,
  evolve: evolveResource,
  notFound: 'RESOURCE_NOT_FOUND',
};

export interface OfferResourceInput {
  readonly resourceId?: string | null;
  readonly councilId: string;
  readonly unitId: string;
  readonly resourceKind: ResourceKind;
  readonly title: string;
  readonly quantity: number;
  readonly measure: string;
  readonly categories: readonly NeedCategory[];
  readonly place?: string | null;
  readonly availableFrom: string;
  readonly availableUntil?: string | null;
  readonly conditions?: string | null;
  readonly offeredOn: string;
}

export interface ResourceResult {
  readonly resource: Resource;
  readonly version: number;
}

/**
 * Resources (资源清单) member units offer: offered and withdrawn by whoever acts for the unit (the council's admins, its
 * representative, its party organization's admins); committed to a project by the project slice (`commit`).
 */
export class ResourceCommands {
  constructor(
    private readonly support: CommandSupport,
    private readonly access: CouncilAccess,
  ) {}

  async offer(caller: Caller, input: OfferResourceInput, options: CommandOptions): Promise<ResourceResult> {
    const council = await this.support.load(COUNCIL_DECIDER, input.councilId, 'councilId');
    await this.access.assertActsForUnit(caller, council.state, input.unitId);
    const resourceId = input.resourceId ?? randomUUID();
    const found = input.resourceId ? await this.support.find(RESOURCE_DECIDER, resourceId) : null;
    return this.result(
      await this.support.run(
        caller,
        RESOURCE_DECIDER,
        resourceId,
        {
          kind: 'OfferResource',
          resourceId,
          councilId: council.id,
          unitId: input.unitId,
          memberUnitIds: councilMemberUnitIds(council.state),
          resourceKind: input.resourceKind,
          title: input.title,
          quantity: input.quantity,
          measure: input.measure,
          categories: input.categories,
          place: input.place ?? null,
          availableFrom: input.availableFrom,
          availableUntil: input.availableUntil ?? null,
          conditions: input.conditions ?? null,
          offeredOn: input.offeredOn,
          today: this.support.today(),
        },
        found ? found.loaded : 'new',
        options,
        council.state.region.district,
      ),
    );
  }

  async withdraw(
    caller: Caller,
    resourceId: string,
    input: { withdrawnOn: string },
    options: CommandOptions,
  ): Promise<ResourceResult> {
    const { resource, council } = await this.load(resourceId);
    await this.access.assertActsForUnit(caller, council.state, resource.state.unitId);
    return this.decide(
      caller,
      resource,
      council,
      { kind: 'WithdrawResource', withdrawnOn: input.withdrawnOn },
      options,
    );
  }

  /**
   * Part of a resource committed to a project (the project slice calls it, having checked the caller's scope on the
   * council and that the caller acts for `unitId`): the resource must be the project's council's, offered by the unit
   * that uses it (RESOURCE_NOT_OF_UNIT: no unit uses up another's resource) and of the use's kind; the domain checks
   * what remains and its availability.
   */
  async commit(
    caller: Caller,
    input: {
      councilId: string;
      resourceId: string;
      projectId: string;
      unitId: string;
      resourceKind: ResourceKind;
      quantity: number;
      committedOn: string;
    },
    options: CommandOptions = {},
  ): Promise<ResourceResult> {
    const { resource, council } = await this.load(input.resourceId);
    if (resource.state.councilId !== input.councilId)
      refuse('RESOURCE_INVALID', `resource ${input.resourceId} is not of council ${input.councilId}`, 'resourceId');
    if (resource.state.unitId !== input.unitId)
      refuse(
        'RESOURCE_NOT_OF_UNIT',
        `resource ${input.resourceId} is not offered by unit ${input.unitId}`,
        'resourceId',
      );
    if (resource.state.resourceKind !== input.resourceKind)
      refuse(
        'RESOURCE_INVALID',
        `resource ${input.resourceId} is ${resource.state.resourceKind}, not ${input.resourceKind}`,
        'resourceKind',
      );
    return this.decide(
      caller,
      resource,
      council,
      { kind: 'CommitResource', projectId: input.projectId, quantity: input.quantity, committedOn: input.committedOn },
      options,
    );
  }

  private async load(resourceId: string): Promise<{ resource: Loaded<Resource>; council: Loaded<Council> }> {
    const resource = await this.support.load(RESOURCE_DECIDER, resourceId, 'resourceId');
    const council = await this.support.load(COUNCIL_DECIDER, resource.state.councilId, 'councilId');
    return { resource, council };
  }

  private async decide(
    caller: Caller,
    resource: Loaded<Resource>,
    council: Loaded<Council>,
    command: Undated<ResourceCommand>,
    options: CommandOptions,
  ): Promise<ResourceResult> {
    return this.result(
      await this.support.runToday(
        caller,
        RESOURCE_DECIDER,
        resource.id,
        command,
        resource.loaded,
        options,
        council.state.region.district,
      ),
    );
  }

  private result(handled: { state: Resource; version: number }): ResourceResult {
    return { resource: handled.state, version: handled.version };
  }
}
