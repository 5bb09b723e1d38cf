import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Caller } from '@lianjian/auth';
import { CouncilQueries } from '../application/councils/council.queries';
import { type SelectionResult, SelectionCommands } from '../application/selection/selection.commands';
import { type SelectionView, SelectionQueries } from '../application/selection/selection.queries';
import { CouncilModel } from './council.types';
import { NominateCreativeProjectInput, SelectCreativeProjectInput, VoteCreativeProjectInput } from './selection.inputs';
import { CreativeProjectSelectionModel } from './selection.types';
import { selectionTally } from '@lianjian/projects-domain';

const options = (input: { commandId?: string | null; expectedVersion?: number | null }) => ({
  commandId: input.commandId ?? null,
  expectedVersion: input.expectedVersion ?? null,
});

const toSelection = (v: SelectionView): CreativeProjectSelectionModel => ({
  councilId: v.councilId,
  period: v.period,
  version: v.version,
  nominations: [...(v.selection?.nominations ?? [])],
  votes: [...(v.selection?.votes ?? [])],
  tally: v.tally,
  result: v.selection?.selected
    ? {
        projectId: v.selection.selected.projectId,
        votes: v.selection.selected.votes,
        selectedOn: v.selection.selected.selectedOn,
      }
    : null,
});

const answer = (r: SelectionResult): CreativeProjectSelectionModel =>
  toSelection({
    councilId: r.selection.councilId,
    period: r.selection.period,
    version: r.version,
    selection: r.selection,
    tally: selectionTally(r.selection),
  });

// The "most creative project" selection (最具创意项目): the resolvers only translate.

@Resolver(() => CreativeProjectSelectionModel)
export class SelectionResolver {
  constructor(private readonly commands: SelectionCommands) {}

  @Mutation(() => CreativeProjectSelectionModel, {
    description: "Nominate one of the council's projects for the period's most creative project (council admins).",
  })
  async nominateCreativeProject(@Context('caller') caller: Caller, @Args('input') input: NominateCreativeProjectInput) {
    return answer(
      await this.commands.nominate(
        caller,
        {
          councilId: input.councilId,
          period: input.period,
          projectId: input.projectId,
          nominatedOn: input.nominatedOn,
        },
        options(input),
      ),
    );
  }

  @Mutation(() => CreativeProjectSelectionModel, {
    description: "A member unit's vote for a nominated project (one per unit and period; you act for the unit).",
  })
  async voteCreativeProject(@Context('caller') caller: Caller, @Args('input') input: VoteCreativeProjectInput) {
    return answer(
      await this.commands.vote(
        caller,
        {
          councilId: input.councilId,
          period: input.period,
          unitId: input.unitId,
          projectId: input.projectId,
          votedOn: input.votedOn,
        },
        options(input),
      ),
    );
  }

  @Mutation(() => CreativeProjectSelectionModel, {
    description: 'Select the most voted project (council admins); a tie is broken by the chair’s tieBreak.',
  })
  async selectCreativeProject(@Context('caller') caller: Caller, @Args('input') input: SelectCreativeProjectInput) {
    return answer(
      await this.commands.select(
        caller,
        {
          councilId: input.councilId,
          period: input.period,
          tieBreak: input.tieBreak ?? null,
          selectedOn: input.selectedOn,
        },
        options(input),
      ),
    );
  }
}

@Resolver(() => CouncilModel)
export class CouncilSelectionResolver {
  constructor(
    private readonly councils: CouncilQueries,
    private readonly queries: SelectionQueries,
  ) {}

  @ResolveField(() => CreativeProjectSelectionModel, {
    nullable: true,
    description: "The council's most creative project selection (最具创意项目) for a period (YYYY, YYYY-H1, YYYY-H2).",
  })
  async creativeProjectSelection(
    @Context('caller') caller: Caller,
    @Parent() council: CouncilModel,
    @Args('period') period: string,
  ) {
    const view = await this.councils.council(caller, council.id);
    if (!view) return null;
    const selection = await this.queries.selection(caller, view.state, period);
    return selection ? toSelection(selection) : null;
  }
}
