import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { type Caller } from '@lianjian/auth';
import { AFTER_ARG, FIRST_ARG, calendarDateArg, connection } from '@lianjian/api';
import { type OrganizationType } from '@lianjian/organizations-domain';
import { ComplianceQueries } from '../application/compliance/compliance.queries';
import { CoverageCommands } from '../application/unit-coverage/coverage.commands';
import { HistoryQueries } from '../application/history/history.queries';
import { LeadershipCommands } from '../application/leadership/leadership.commands';
import { LeadershipQueries } from '../application/leadership/leadership.queries';
import { LifecycleCommands } from '../application/lifecycle/lifecycle.commands';
import { TreeQueries } from '../application/tree/tree.queries';
import { type OrganizationView, type UnitView } from '../application/read-models';
import { type RequestContext } from './context';
import {
  ChangeOrganizationTypeInput,
  CoverUnitsInput,
  DISTRICT_ARG,
  DissolveOrganizationInput,
  ElectLeadershipInput,
  EstablishOrganizationInput,
  MergeOrganizationInput,
  RenameOrganizationInput,
  ReparentOrganizationInput,
  TransferOrganizationToDistrictInput,
} from './inputs';
import { toBuilding, toOrganization, toUnit } from './mappers';
import {
  BuildingModel,
  ComplianceFindingModel,
  ElectionDueModel,
  ElectionStatusEnum,
  OrganizationAsOfModel,
  OrganizationConnectionModel,
  OrganizationHistoryEntryModel,
  OrganizationModel,
  OrganizationStatusEnum,
  OrganizationTypeEnum,
  UnitModel,
} from './types';

type OrganizationParent = OrganizationModel & OrganizationView;

@Resolver(() => OrganizationModel)
export class OrganizationResolver {
  constructor(
    private readonly lifecycleCommands: LifecycleCommands,
    private readonly leadershipCommands: LeadershipCommands,
    private readonly coverageCommands: CoverageCommands,
    private readonly treeQueries: TreeQueries,
    private readonly historyQueries: HistoryQueries,
    private readonly leadershipQueries: LeadershipQueries,
    private readonly complianceQueries: ComplianceQueries,
  ) {}

  // ---- queries ----------------------------------------------------------------------------------------------

  @Query(() => OrganizationModel, { nullable: true })
  async organization(@Context('caller') caller: Caller, @Args('id', { type: () => ID }) id: string) {
    const org = await this.treeQueries.organization(caller, id);
    return org && toOrganization(org);
  }

  @Query(() => OrganizationConnectionModel, { description: 'Organizations in your scope, cursor-paged.' })
  async organizations(
    @Context('caller') caller: Caller,
    @Args('district', DISTRICT_ARG) district: string | null,
    @Args('types', { type: () => [OrganizationTypeEnum], nullable: true }) types: OrganizationType[] | null,
    @Args('status', { type: () => OrganizationStatusEnum, nullable: true }) status: string | null,
    @Args('first', FIRST_ARG) first: number,
    @Args('after', AFTER_ARG) after: string | null,
  ) {
    return connection(
      await this.treeQueries.organizations(caller, { district, types, status }, { first, after }),
      toOrganization,
    );
  }

  @Query(() => [OrganizationAsOfModel], {
    description: 'The tree as it stood on a past date (e.g. 31 December for official statistics).',
  })
  async organizationTreeAsOf(
    @Context('caller') caller: Caller,
    @Args('date') date: string,
    @Args('rootId', { type: () => ID, nullable: true }) rootId: string | null,
  ) {
    const nodes = await this.historyQueries.treeAsOf(caller, calendarDateArg(date, 'date'), rootId);
    return nodes.map((n) => ({ ...n.organization, depth: n.depth, version: n.version }));
  }

  @Query(() => [ElectionDueModel], {
    description: 'Organizations whose election (换届) is due, overdue or was never held.',
  })
  async electionsDue(@Context('caller') caller: Caller, @Args('district', DISTRICT_ARG) district: string | null) {
    return (await this.leadershipQueries.electionsDue(caller, district)).map((e) => ({
      organization: toOrganization(e.organization),
      status: e.status,
    }));
  }

  @ResolveReference()
  async resolveReference(reference: { id: string }, context: RequestContext) {
    const org = await context.loaders.organization.load(reference.id);
    return org && toOrganization(org);
  }

  // ---- fields -----------------------------------------------------------------------------------------------

  @ResolveField(() => OrganizationModel, { nullable: true })
  async parent(@Parent() org: OrganizationParent, @Context() context: RequestContext) {
    if (!org.parentId) return null;
    const parent = await context.loaders.organization.load(org.parentId);
    return parent && toOrganization(parent);
  }

  @ResolveField(() => [OrganizationModel], { description: 'From the root down to the parent (those in your scope).' })
  async ancestors(@Parent() org: OrganizationParent, @Context() context: RequestContext) {
    const found = await context.loaders.organization.loadMany(org.ancestorIds);
    return found.filter((o): o is OrganizationView => o !== null && !(o instanceof Error)).map(toOrganization);
  }

  @ResolveField(() => OrganizationConnectionModel)
  async children(
    @Parent() org: OrganizationParent,
    @Context('caller') caller: Caller,
    @Args('first', FIRST_ARG) first: number,
    @Args('after', AFTER_ARG) after: string | null,
  ) {
    return connection(await this.treeQueries.children(caller, org, { first, after }), toOrganization);
  }

  @ResolveField(() => OrganizationConnectionModel, { description: 'Everything below, at any depth.' })
  async subtree(
    @Parent() org: OrganizationParent,
    @Context('caller') caller: Caller,
    @Args('first', FIRST_ARG) first: number,
    @Args('after', AFTER_ARG) after: string | null,
    @Args('types', { type: () => [OrganizationTypeEnum], nullable: true }) types: OrganizationType[] | null,
  ) {
    return connection(await this.treeQueries.subtree(caller, org, types, { first, after }), toOrganization);
  }

  @ResolveField(() => BuildingModel, { nullable: true })
  async building(@Parent() org: OrganizationParent, @Context() context: RequestContext) {
    if (!org.buildingId) return null;
    const building = await context.loaders.building.load(org.buildingId);
    if (!building) return null;
    const [visible] = await this.treeQueries.registryVisible(context.caller, [building]);
    return visible ? toBuilding(visible) : null;
  }

  @ResolveField(() => [UnitModel], {
    description: 'The units the organization covers that you may read in the unit registry (none for a member).',
  })
  async coveredUnits(@Parent() org: OrganizationParent, @Context() context: RequestContext) {
    const units = await context.loaders.unit.loadMany(org.coveredUnitIds);
    const found = units.filter((u): u is UnitView => u !== null && !(u instanceof Error));
    return (await this.treeQueries.registryVisible(context.caller, found)).map(toUnit);
  }

  @ResolveField(() => ElectionStatusEnum)
  electionStatus(@Parent() org: OrganizationParent) {
    return this.leadershipQueries.electionStatusOf(org);
  }

  @ResolveField(() => [ComplianceFindingModel], { description: 'The setting rules this organization does not meet.' })
  complianceFindings(@Parent() org: OrganizationParent) {
    return this.complianceQueries.complianceFindings(org);
  }

  @ResolveField(() => [OrganizationHistoryEntryModel], {
    description: 'Every change, oldest first (from the event stream on Kafka).',
  })
  async history(@Parent() org: OrganizationParent, @Context('caller') caller: Caller) {
    const entries = await this.historyQueries.history(caller, org);
    return entries.map((e) => ({
      ...e,
      name: e.state.name,
      type: e.state.type,
      status: e.state.status,
      parentId: e.state.parentId,
      region: e.state.region,
    }));
  }

  // ---- mutations --------------------------------------------------------------------------------------------

  @Mutation(() => OrganizationModel, {
    description:
      '成立: establish an organization under its parent. Begin with the root, the city committee ' +
      '(`organizationType: Committee`, `parentId: null`, region all null; the city admin only).',
  })
  async establishOrganization(@Context('caller') caller: Caller, @Args('input') input: EstablishOrganizationInput) {
    return toOrganization(await this.lifecycleCommands.establish(caller, input));
  }

  @Mutation(() => OrganizationModel)
  async renameOrganization(@Context('caller') caller: Caller, @Args('input') input: RenameOrganizationInput) {
    return toOrganization(await this.lifecycleCommands.rename(caller, input));
  }

  @Mutation(() => OrganizationModel)
  async changeOrganizationType(@Context('caller') caller: Caller, @Args('input') input: ChangeOrganizationTypeInput) {
    return toOrganization(await this.lifecycleCommands.changeType(caller, input));
  }

  @Mutation(() => OrganizationModel, { description: '隶属关系调整: move under another parent in the district.' })
  async reparentOrganization(@Context('caller') caller: Caller, @Args('input') input: ReparentOrganizationInput) {
    return toOrganization(await this.lifecycleCommands.reparent(caller, input));
  }

  @Mutation(() => OrganizationModel, {
    description: '整建制转移: move a whole organization, with its subtree, to another district.',
  })
  async transferOrganizationToDistrict(
    @Context('caller') caller: Caller,
    @Args('input') input: TransferOrganizationToDistrictInput,
  ) {
    return toOrganization(await this.lifecycleCommands.transferToDistrict(caller, input));
  }

  @Mutation(() => OrganizationModel)
  async mergeOrganization(@Context('caller') caller: Caller, @Args('input') input: MergeOrganizationInput) {
    return toOrganization(await this.lifecycleCommands.merge(caller, input));
  }

  @Mutation(() => OrganizationModel, { description: '撤销: dissolve an organization without subordinates or members.' })
  async dissolveOrganization(@Context('caller') caller: Caller, @Args('input') input: DissolveOrganizationInput) {
    return toOrganization(await this.lifecycleCommands.dissolve(caller, input));
  }

  @Mutation(() => OrganizationModel, {
    description: '换届: elect a leadership; the term end follows from the configured term length.',
  })
  async electLeadership(@Context('caller') caller: Caller, @Args('input') input: ElectLeadershipInput) {
    return toOrganization(await this.leadershipCommands.electLeadership(caller, input));
  }

  @Mutation(() => OrganizationModel)
  async coverUnits(@Context('caller') caller: Caller, @Args('input') input: CoverUnitsInput) {
    return toOrganization(await this.coverageCommands.coverUnits(caller, { ...input, covered: true }));
  }

  @Mutation(() => OrganizationModel)
  async uncoverUnits(@Context('caller') caller: Caller, @Args('input') input: CoverUnitsInput) {
    return toOrganization(await this.coverageCommands.coverUnits(caller, { ...input, covered: false }));
  }
}
