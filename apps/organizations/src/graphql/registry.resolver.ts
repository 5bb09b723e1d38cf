import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { AFTER_ARG, FIRST_ARG, connection } from '@lianjian/api';
import { type Caller, canRead } from '@lianjian/auth';
import { CoverageQueries } from '../application/unit-coverage/coverage.queries';
import { RegistryCommands } from '../application/units-and-buildings/registry.commands';
import { RegistryQueries } from '../application/units-and-buildings/registry.queries';
import {
  type BuildingView,
  type OrganizationView,
  type ServicePointView,
  type UnitView,
} from '../application/read-models';
import { scopeOf } from '../application/scope';
import { type RequestContext } from './context';
import {
  CloseServicePointInput,
  DISTRICT_ARG,
  OpenServicePointInput,
  RegisterBuildingInput,
  RegisterUnitInput,
  UpdateUnitInput,
} from './inputs';
import { toBuilding, toOrganization, toServicePoint, toUnit } from './mappers';
import {
  BuildingConnectionModel,
  BuildingCoverageModel,
  BuildingModel,
  OrganizationModel,
  ServicePointConnectionModel,
  ServicePointModel,
  UnitConnectionModel,
  UnitModel,
} from './types';

/** Nested organizations of the registry: the caller sees those in their scope (ADR 0007), as federation references. */
const readableBy =
  (caller: Caller) =>
  (organization: OrganizationView): boolean =>
    canRead(caller, scopeOf(organization));

@Resolver(() => UnitModel)
export class UnitResolver {
  constructor(
    private readonly registryCommands: RegistryCommands,
    private readonly registryQueries: RegistryQueries,
  ) {}

  @Query(() => UnitModel, { nullable: true })
  async unit(@Context('caller') caller: Caller, @Args('id', { type: () => ID }) id: string) {
    const unit = await this.registryQueries.unit(caller, id);
    return unit && toUnit(unit);
  }

  @Query(() => UnitConnectionModel, {
    description: 'The unit registry; `covered: false` lists units no organization covers.',
  })
  async units(
    @Context('caller') caller: Caller,
    @Args('district', DISTRICT_ARG) district: string | null,
    @Args('buildingId', { type: () => ID, nullable: true }) buildingId: string | null,
    @Args('covered', { type: () => Boolean, nullable: true }) covered: boolean | null,
    @Args('first', FIRST_ARG) first: number,
    @Args('after', AFTER_ARG) after: string | null,
  ) {
    return connection(
      await this.registryQueries.units(caller, { district, buildingId, covered }, { first, after }),
      toUnit,
    );
  }

  @ResolveReference()
  async resolveReference(reference: { id: string }, context: RequestContext) {
    const unit = await context.loaders.unit.load(reference.id);
    return unit && toUnit(unit);
  }

  // only those in your scope are listed; `covered` counts every one
  @ResolveField(() => [OrganizationModel], { description: 'Active organizations covering this unit.' })
  async coveredBy(@Parent() unit: UnitView, @Context() context: RequestContext) {
    return (await context.loaders.coveringOrganizations.load(unit._id))
      .filter(readableBy(context.caller))
      .map(toOrganization);
  }

  @ResolveField(() => Boolean)
  async covered(@Parent() unit: UnitView, @Context() context: RequestContext) {
    return (await context.loaders.coveringOrganizations.load(unit._id)).length > 0;
  }

  @ResolveField(() => BuildingModel, { nullable: true })
  async building(@Parent() unit: UnitView, @Context() context: RequestContext) {
    if (!unit.buildingId) return null;
    const building = await context.loaders.building.load(unit.buildingId);
    return building && toBuilding(building);
  }

  @Mutation(() => UnitModel)
  async registerUnit(@Context('caller') caller: Caller, @Args('input') input: RegisterUnitInput) {
    const { unitId, commandId, expectedVersion, ...profile } = input;
    return toUnit(
      await this.registryCommands.registerUnit(caller, {
        unitId,
        commandId,
        expectedVersion,
        profile: { ...profile, buildingId: profile.buildingId ?? null },
      }),
    );
  }

  @Mutation(() => UnitModel)
  async updateUnit(@Context('caller') caller: Caller, @Args('input') input: UpdateUnitInput) {
    const { unitId, commandId, expectedVersion, ...rest } = input;
    const changes = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && v !== undefined));
    return toUnit(await this.registryCommands.updateUnit(caller, { unitId, commandId, expectedVersion, changes }));
  }
}

@Resolver(() => BuildingModel)
export class BuildingResolver {
  constructor(
    private readonly registryCommands: RegistryCommands,
    private readonly registryQueries: RegistryQueries,
    private readonly coverageQueries: CoverageQueries,
  ) {}

  @Query(() => BuildingModel, { nullable: true })
  async building(@Context('caller') caller: Caller, @Args('id', { type: () => ID }) id: string) {
    const building = await this.registryQueries.building(caller, id);
    return building && toBuilding(building);
  }

  @Query(() => BuildingConnectionModel)
  async buildings(
    @Context('caller') caller: Caller,
    @Args('district', DISTRICT_ARG) district: string | null,
    @Args('first', FIRST_ARG) first: number,
    @Args('after', AFTER_ARG) after: string | null,
  ) {
    return connection(await this.registryQueries.buildings(caller, { district }, { first, after }), toBuilding);
  }

  @ResolveReference()
  async resolveReference(reference: { id: string }, context: RequestContext) {
    const building = await context.loaders.building.load(reference.id);
    return building && toBuilding(building);
  }

  @ResolveField(() => [UnitModel])
  async units(@Parent() building: BuildingView) {
    return (await this.coverageQueries.buildingCoverage(building)).units.map(toUnit);
  }

  @ResolveField(() => BuildingCoverageModel)
  async coverage(@Parent() building: BuildingView, @Context('caller') caller: Caller) {
    const c = await this.coverageQueries.buildingCoverage(building);
    return {
      ...c.summary, // counted over every organization in the building, listed only those in your scope
      organizations: c.organizations.filter(readableBy(caller)).map(toOrganization),
      servicePoints: c.servicePoints.map(toServicePoint),
    };
  }

  @Mutation(() => BuildingModel)
  async registerBuilding(@Context('caller') caller: Caller, @Args('input') input: RegisterBuildingInput) {
    const { buildingId, commandId, expectedVersion, ...profile } = input;
    return toBuilding(
      await this.registryCommands.registerBuilding(caller, { buildingId, commandId, expectedVersion, profile }),
    );
  }
}

@Resolver(() => ServicePointModel)
export class ServicePointResolver {
  constructor(
    private readonly registryCommands: RegistryCommands,
    private readonly registryQueries: RegistryQueries,
  ) {}

  @Query(() => ServicePointConnectionModel)
  async servicePoints(
    @Context('caller') caller: Caller,
    @Args('district', DISTRICT_ARG) district: string | null,
    @Args('buildingId', { type: () => ID, nullable: true }) buildingId: string | null,
    @Args('first', FIRST_ARG) first: number,
    @Args('after', AFTER_ARG) after: string | null,
  ) {
    return connection(
      await this.registryQueries.servicePoints(caller, { district, buildingId }, { first, after }),
      toServicePoint,
    );
  }

  @ResolveField(() => OrganizationModel, { nullable: true })
  async hostOrganization(@Parent() point: ServicePointView, @Context() context: RequestContext) {
    const org = await context.loaders.organization.load(point.hostOrganizationId);
    return org && toOrganization(org);
  }

  @Mutation(() => ServicePointModel)
  async openServicePoint(@Context('caller') caller: Caller, @Args('input') input: OpenServicePointInput) {
    const { servicePointId, commandId, expectedVersion, openedOn, ...profile } = input;
    return toServicePoint(
      await this.registryCommands.openServicePoint(caller, {
        servicePointId,
        commandId,
        expectedVersion,
        openedOn,
        profile: { ...profile, buildingId: profile.buildingId ?? null },
      }),
    );
  }

  @Mutation(() => ServicePointModel)
  async closeServicePoint(@Context('caller') caller: Caller, @Args('input') input: CloseServicePointInput) {
    return toServicePoint(await this.registryCommands.closeServicePoint(caller, input));
  }
}
