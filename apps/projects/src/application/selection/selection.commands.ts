import { type Caller } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import {
  type Council,
  type Project,
  type Selection,
  type SelectionCommand,
  type SelectionEvent,
  councilMemberUnitIds,
  decideSelection,
  evolveSelection,
  refuse,
} from '@lianjian/projects-domain';
import { type CommandSupport, type Loaded, type Undated, type StreamDecider } from '../common/command-support';
import { type CouncilAccess } from '../common/council-access';
import { COUNCIL_DECIDER } from '../councils/council.commands';
import { type ProjectsReadModel } from '../ports';

export const SELECTION_DECIDER: StreamDecider<Selection, SelectionCommand, SelectionEvent> = {
  category: 'selection',
  decide: decideSelection,
  evolve: evolveSelection,
  notFound: 'PROJECT_NOT_NOMINATED',
};

/** The id of a council's selection for a period (its stream is `selection-<councilId>-<period>`). */
export const selectionId = (councilId: string, period: string): string => `${councilId}-${period}`;

export interface SelectionResult {
  readonly selection: Selection;
  readonly version: number;
}

/**
 * The "most creative project" selection (最具创意项目) of a council for a period: its admins nominate the council's
 * projects, each current member unit votes once (the caller acting for the unit: the council's admins, the unit's
 * representative or its organization's admins), and the admins select the result, breaking a tie.
 */
export class SelectionCommands {
  constructor(
    private readonly support: CommandSupport,
    private readonly access: CouncilAccess,
    private readonly read: ProjectsReadModel,
  ) {}

  async nominate(
    caller: Caller,
    input: { councilId: string; period: string; projectId: string; nominatedOn: string },
    options: CommandOptions,
  ): Promise<SelectionResult> {
    const council = await this.support.load(COUNCIL_DECIDER, input.councilId, 'councilId');
    await this.access.assertWrite(caller, council.state);
    await this.read.reachOwnWrites();
    const project = (await this.read.view<Project>('project', input.projectId))?.state;
    if (!project) refuse('PROJECT_NOT_FOUND', `no project ${input.projectId}`, 'projectId');
    if (project.councilId !== input.councilId)
      refuse('PROJECT_NOT_OF_COUNCIL', `project ${input.projectId} is not a project of this council`, 'projectId');
    return this.decide(
      caller,
      council,
      input.period,
      {
        kind: 'NominateCreativeProject',
        councilId: input.councilId,
        period: input.period,
        projectId: input.projectId,
        nominatedOn: input.nominatedOn,
      },
      options,
    );
  }

  async vote(
    caller: Caller,
    input: { councilId: string; period: string; unitId: string; projectId: string; votedOn: string },
    options: CommandOptions,
  ): Promise<SelectionResult> {
    const council = await this.support.load(COUNCIL_DECIDER, input.councilId, 'councilId');
    await this.access.assertActsForUnit(caller, council.state, input.unitId);
    return this.decide(
      caller,
      council,
      input.period,
      {
        kind: 'VoteCreativeProject',
        unitId: input.unitId,
        memberUnitIds: councilMemberUnitIds(council.state),
        projectId: input.projectId,
        votedOn: input.votedOn,
      },
      options,
    );
  }

  async select(
    caller: Caller,
    input: { councilId: string; period: string; tieBreak: string | null; selectedOn: string },
    options: CommandOptions,
  ): Promise<SelectionResult> {
    const council = await this.support.load(COUNCIL_DECIDER, input.councilId, 'councilId');
    await this.access.assertWrite(caller, council.state);
    return this.decide(
      caller,
      council,
      input.period,
      {
        kind: 'SelectCreativeProject',
        tieBreak: input.tieBreak,
        selectedOn: input.selectedOn,
      },
      options,
    );
  }

  private async decide(
    caller: Caller,
    council: Loaded<Council>,
    period: string,
    command: Undated<SelectionCommand>,
    options: CommandOptions,
  ): Promise<SelectionResult> {
    const id = selectionId(council.id, period);
    const found = await this.support.find(SELECTION_DECIDER, id);
    if (!found.loaded.state && command.kind !== 'NominateCreativeProject')
      refuse(
        command.kind === 'VoteCreativeProject' ? 'PROJECT_NOT_NOMINATED' : 'SELECTION_NO_VOTES',
        `no nomination for ${period} yet`,
        command.kind === 'VoteCreativeProject' ? 'projectId' : 'period',
      );
    const handled = await this.support.runToday(
      caller,
      SELECTION_DECIDER,
      id,
      command,
      found.loaded.version === 0 ? 'new' : found.loaded,
      options,
      council.state.region.district,
    );
    return { selection: handled.state, version: handled.version };
  }
}
