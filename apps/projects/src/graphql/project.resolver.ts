import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { AFTER_ARG, FIRST_ARG, connection } from '@lianjian/api';
import { type Caller } from '@lianjian/auth';
import { type ProjectStatus } from '@lianjian/projects-domain';
import { type ProjectResult, ProjectCommands } from '../application/projects/project.commands';
import { ProjectQueries } from '../application/projects/project.queries';
import { type RequestContext } from './context';
import { CouncilModel, MemberRefModel, UnitRefModel } from './council.types';
import {
  ApproveProjectInput,
  ClaimProjectInput,
  CloseProjectInput,
  CompleteProjectInput,
  ProposeProjectInput,
  RecordProjectMilestoneInput,
  RecordProjectSignInInput,
  RecordProjectResourceUseInput,
  ResolveProjectInput,
  ScoreProjectInput,
  StartProjectInput,
} from './project.inputs';
import { toProject } from './project.mappers';
import {
  IndicatorSetModel,
  MemberProjectSignInModel,
  ProjectConnectionModel,
  ProjectHistoryEntryModel,
  ProjectModel,
  ProjectStatusEnum,
} from './project.types';

// Co-building projects in the graph: the resolvers only translate; who may do and see what is the application's.

const options = (input: { commandId?: string | null; expectedVersion?: number | null }) => ({
  commandId: input.commandId ?? null,
  expectedVersion: input.expectedVersion ?? null,
});
const answer = (r: ProjectResult): ProjectModel =>
  toProject({ _id: r.project.id, version: r.version, state: r.project });
const STATUS_ARG = { type: () => ProjectStatusEnum, nullable: true, description: 'Only projects in this status.' };

@Resolver(() => ProjectModel)
export class ProjectResolver {
  constructor(
    private readonly commands: ProjectCommands,
    private readonly queries: ProjectQueries,
  ) {}

  @Query(() => ProjectModel, { nullable: true, description: 'A co-building project, if its council is in your scope.' })
  async project(@Context('caller') caller: Caller, @Args('id', { type: () => ID }) id: string) {
    const view = await this.queries.project(caller, id);
    return view ? toProject(view) : null;
  }

  @Query(() => ProjectConnectionModel, {
    description: 'The co-building projects you may see in a district (its code such as `huangpu`), or in your scope.',
  })
  async projects(
    @Context('caller') caller: Caller,
    @Args('district', { type: () => String, nullable: true, description: 'A district code such as `huangpu`.' })
    district: string | null,
    @Args('status', STATUS_ARG) status: ProjectStatus | null,
    @Args('first', FIRST_ARG) first: number,
    @Args('after', AFTER_ARG) after: string | null,
  ) {
    return connection(await this.queries.inDistrict(caller, district, status ?? null, { first, after }), toProject);
  }

  @ResolveField(() => [ProjectHistoryEntryModel], { description: 'Every step of the project, oldest first.' })
  async history(@Parent() project: ProjectModel, @Context('caller') caller: Caller) {
    return (await this.queries.history(caller, project.id)) ?? [];
  }

  @ResolveField(() => IndicatorSetModel, { description: "The indicator set the project's type is scored on." })
  indicatorSet(@Parent() project: ProjectModel) {
    const set = this.commands.indicatorSet({
      category: project.category as Parameters<ProjectCommands['indicatorSet']>[0]['category'],
      region: project.region,
    });
    return { version: set.version, indicators: set.indicators.map((i) => ({ ...i })) };
  }

  @Mutation(() => ProjectModel, { description: '提出: the council proposes a project from open needs.' })
  async proposeProject(@Context('caller') caller: Caller, @Args('input') input: ProposeProjectInput) {
    return answer(
      await this.commands.propose(
        caller,
        {
          projectId: input.projectId ?? null,
          councilId: input.councilId,
          title: input.title,
          category: input.category ?? null,
          needIds: input.needIds,
          proposedOn: input.proposedOn,
        },
        options(input),
      ),
    );
  }

  @Mutation(() => ProjectModel, { description: '联席会议议定: a resolution of a session the council held.' })
  async resolveProject(@Context('caller') caller: Caller, @Args('input') input: ResolveProjectInput) {
    const { sessionId, resolution, resolvedOn } = input;
    return answer(
      await this.commands.resolve(caller, input.projectId, { sessionId, resolution, resolvedOn }, options(input)),
    );
  }

  @Mutation(() => ProjectModel, { description: '社区党委审批: approved by a party committee on the convener’s path.' })
  async approveProject(@Context('caller') caller: Caller, @Args('input') input: ApproveProjectInput) {
    const { approverOrganizationId, approvedOn } = input;
    return answer(
      await this.commands.approve(caller, input.projectId, { approverOrganizationId, approvedOn }, options(input)),
    );
  }

  @Mutation(() => ProjectModel, { description: '认领: a member unit claims the project with its commitment.' })
  async claimProject(@Context('caller') caller: Caller, @Args('input') input: ClaimProjectInput) {
    return answer(
      await this.commands.claim(
        caller,
        input.projectId,
        {
          unitId: input.unitId,
          resources: input.resources.map((r) => ({ kind: r.kind, quantity: r.quantity, unit: r.unit })),
          description: input.description,
          claimedOn: input.claimedOn,
        },
        options(input),
      ),
    );
  }

  @Mutation(() => ProjectModel)
  async startProject(@Context('caller') caller: Caller, @Args('input') input: StartProjectInput) {
    return answer(await this.commands.start(caller, input.projectId, { startedOn: input.startedOn }, options(input)));
  }

  @Mutation(() => ProjectModel)
  async recordProjectMilestone(@Context('caller') caller: Caller, @Args('input') input: RecordProjectMilestoneInput) {
    const { milestoneId, title, reachedOn } = input;
    return answer(
      await this.commands.recordMilestone(
        caller,
        input.projectId,
        { milestoneId: milestoneId ?? null, title, reachedOn },
        options(input),
      ),
    );
  }

  @Mutation(() => ProjectModel, { description: "A claiming unit's committed resources used." })
  async recordProjectResourceUse(
    @Context('caller') caller: Caller,
    @Args('input') input: RecordProjectResourceUseInput,
  ) {
    const { unitId, resourceKind, quantity, usedOn, resourceId } = input;
    return answer(
      await this.commands.recordResourceUse(
        caller,
        input.projectId,
        { unitId, resourceKind, quantity, usedOn, resourceId: resourceId ?? null },
        options(input),
      ),
    );
  }

  @Mutation(() => ProjectModel, {
    description: 'A sign-in at the project’s activity: a volunteer is only counted; a party member by member id.',
  })
  async recordProjectSignIn(@Context('caller') caller: Caller, @Args('input') input: RecordProjectSignInInput) {
    return answer(
      await this.commands.recordSignIn(
        caller,
        input.projectId,
        { signInId: input.signInId ?? null, signInKind: input.kind, memberId: input.memberId ?? null, on: input.on },
        options(input),
      ),
    );
  }

  @Mutation(() => ProjectModel, { description: 'Completed: the needs it took up are served.' })
  async completeProject(@Context('caller') caller: Caller, @Args('input') input: CompleteProjectInput) {
    return answer(
      await this.commands.complete(caller, input.projectId, { completedOn: input.completedOn }, options(input)),
    );
  }

  @Mutation(() => ProjectModel, { description: "评价: the council scores each indicator of the type's set, 0–100." })
  async scoreProject(@Context('caller') caller: Caller, @Args('input') input: ScoreProjectInput) {
    return answer(
      await this.commands.score(
        caller,
        input.projectId,
        { scores: input.scores.map((s) => ({ indicator: s.indicator, score: s.score })), scoredOn: input.scoredOn },
        options(input),
      ),
    );
  }

  @Mutation(() => ProjectModel, { description: '结项' })
  async closeProject(@Context('caller') caller: Caller, @Args('input') input: CloseProjectInput) {
    return answer(await this.commands.close(caller, input.projectId, { closedOn: input.closedOn }, options(input)));
  }
}

/** A council's projects. */
@Resolver(() => CouncilModel)
export class CouncilProjectsResolver {
  constructor(private readonly queries: ProjectQueries) {}

  @ResolveField(() => ProjectConnectionModel, { description: "The council's co-building projects." })
  async projects(
    @Parent() council: CouncilModel,
    @Context('caller') caller: Caller,
    @Args('status', STATUS_ARG) status: ProjectStatus | null,
    @Args('first', FIRST_ARG) first: number,
    @Args('after', AFTER_ARG) after: string | null,
  ) {
    return connection(await this.queries.ofCouncil(caller, council.id, status ?? null, { first, after }), toProject);
  }
}

/** The projects a unit claimed (in your scope), added to the organizations service's unit entity. */
@Resolver(() => UnitRefModel)
export class UnitClaimsResolver {
  @ResolveReference()
  resolveReference(reference: { id: string }) {
    return { id: reference.id };
  }

  @ResolveField(() => [ProjectModel], { description: 'The co-building projects this unit claimed (in your scope).' })
  async claims(@Parent() unit: UnitRefModel, @Context() context: RequestContext) {
    return (await context.loaders.claimsOf.load(unit.id)).map(toProject);
  }
}

/** A party member's project sign-ins, added to the members service's entity. */
@Resolver(() => MemberRefModel)
export class MemberSignInsResolver {
  @ResolveReference()
  resolveReference(reference: { id: string }) {
    return { id: reference.id };
  }

  @ResolveField(() => [MemberProjectSignInModel], {
    description: "The member's sign-ins at co-building projects: for the member, and for those who see the council.",
  })
  async projectSignIns(@Parent() member: MemberRefModel, @Context() context: RequestContext) {
    return (await context.loaders.signInsOf.load(member.id)).map((s) => ({
      project: toProject(s.project),
      signInId: s.signInId,
      on: s.on,
    }));
  }
}
