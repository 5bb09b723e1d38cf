import { createHash, randomUUID } from 'node:crypto';
import { AuthError, type Caller, canWrite } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import {
  type Council,
  type IndicatorConfiguration,
  type NeedCategory,
  type Project,
  type ProjectCommand,
  type ProjectEvent,
  type ProjectStatus,
  type ResourceKind,
  type SignInKind,
  assertProjectResolution,
  councilMemberUnitIds,
  currentMembership,
  decideProject,
  evolveProject,
  indicatorSetFor,
  refuse,
} from '@lianjian/projects-domain';
import { type CommandSupport, type Loaded, type Undated, type StreamDecider } from '../common/command-support';
import { type CouncilAccess } from '../common/council-access';
import { COUNCIL_DECIDER } from '../councils/council.commands';
import { type Directory } from '../ports';
import { type ProjectNeeds } from './project-needs';

export const PROJECT_DECIDER: StreamDecider<Project, ProjectCommand, ProjectEvent> = {
  category: 'project',
  decide: decideProject,
  evolve: evolveProject,
  notFound: 'PROJECT_NOT_FOUND',
  snapshots: { schemaVersion: 1, every: 50 },
};

/** The states of a project completed already (a completion's retry answers it and serves the needs left). */
const COMPLETED: readonly ProjectStatus[] = ['Completed', 'Evaluated', 'Closed'];

/** The organization types that approve a project as the community's (or a higher) party committee. */
export const APPROVER_TYPES: readonly string[] = ['Committee', 'WorkingCommittee', 'GeneralBranch'];

/** The lists slice's resource commands (`ResourceCommands.commit`): an offered resource committed to a project. */
export interface ProjectResources {
  commit(
    caller: Caller,
    input: {
      councilId: string;
      resourceId: string;
      projectId: string;
      /** The unit using it: only its own resources (RESOURCE_NOT_OF_UNIT), of the use's kind (RESOURCE_INVALID). */
      unitId: string;
      resourceKind: ResourceKind;
      quantity: number;
      committedOn: string;
    },
    options?: CommandOptions,
  ): Promise<unknown>;
}

/** A URL-namespace-like UUID of this slice's (random v4, fixed): the namespace of the command ids it derives. */
const DERIVED_COMMANDS = Buffer.from('6f1d3c2a9b8e4f70a1c25d3e4b6a7c81', 'hex');

/**
 * The command id of a step a command takes on another stream, derived from the command's own (a name-based UUID,
 * version 5, RFC 9562): the same command retried derives the same id, so the event store finds that step's commit
 * and replays it; another command, or another stream's step of it, derives another.
 */
export function derivedCommandId(commandId: string, step: string): string {
  const hash = createHash('sha1').update(DERIVED_COMMANDS).update(`${commandId}:${step}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface ProjectResult {
  readonly project: Project;
  readonly version: number;
}

/**
 * A co-building project's lifecycle (共建项目): proposed by its council's admins from open needs of the council,
 * resolved by a held session's resolution, approved by a party committee on the convener's path, claimed by member
 * units, carried out (milestones, resources used, sign-ins), completed, scored on the project type's indicator set
 * and closed. Each step is checked for who may take it here and for the state by the domain's decider.
 */
export class ProjectCommands {
  constructor(
    private readonly support: CommandSupport,
    private readonly access: CouncilAccess,
    private readonly directory: Directory,
    private readonly needs: ProjectNeeds,
    private readonly indicators: IndicatorConfiguration,
    private readonly resources: ProjectResources,
  ) {}

  /**
   * Takes the project's needs up, then proposes it. The needs are taken up first (in sorted id order, each on its
   * need's stream on the version it loaded; the domain refuses a need another project took up meanwhile), so of two
   * proposals racing for a need exactly one gets it; the other is refused NEED_STATE_NOT_ALLOWED on `needIds` after the
   * needs it took up are released again, and no project of it is appended. A crash after the take-ups and before the
   * project's append is completed by the client's retry with the same projectId: the needs it took up are taken up
   * by this very project (Open for it, the take-up a no-op), so the retry takes up those left and appends the project.
   * A project found already proposed with the same council and needs had all its needs taken up before its append:
   * the retry answers it as it is.
   */
  async propose(
    caller: Caller,
    input: {
      projectId?: string | null;
      councilId: string;
      title: string;
      category?: NeedCategory | null;
      needIds: readonly string[];
      proposedOn: string;
    },
    options: CommandOptions,
  ): Promise<ProjectResult> {
    const council = await this.writableCouncil(caller, input.councilId);
    const projectId = input.projectId ?? randomUUID();
    if (input.needIds.length === 0)
      refuse('PROJECT_NEEDS_REQUIRED', 'a project is proposed from one or more needs', 'needIds');
    const found = input.projectId ? (await this.support.find(PROJECT_DECIDER, projectId)).loaded : null;
    const existing = found?.state ?? null;
    if (existing) {
      const same =
        existing.councilId === council.id &&
        existing.status === 'Proposed' &&
        [...existing.needIds].sort().join() === [...new Set(input.needIds)].sort().join();
      if (!same) refuse('PROJECT_ALREADY_EXISTS', `project ${projectId} exists`, 'projectId');
      return { project: existing, version: found!.version };
    }
    const needs = await this.needs.assertProposable(council.id, input.needIds, projectId, input.proposedOn);
    const command: ProjectCommand = {
      kind: 'ProposeProject',
      projectId,
      councilId: council.id,
      convenerOrganizationId: council.state.convenerOrganizationId,
      title: input.title,
      category: input.category ?? needs[0]!.category,
      needIds: input.needIds,
      region: council.state.region,
      proposedOn: input.proposedOn,
      today: this.support.today(),
    };
    // the project's own rules first: no need is taken up for a proposal its domain refuses
    decideProject(command, null);
    await this.needs.takeUp(caller, input.needIds, projectId, input.proposedOn);
    try {
      const handled = await this.support.run(
        caller,
        PROJECT_DECIDER,
        projectId,
        command,
        found ?? 'new',
        options,
        council.state.region.district,
      );
      return { project: handled.state, version: handled.version };
    } catch (error) {
      // not appended: the needs are released, unless the same project was appended meanwhile (a concurrent retry)
      if (!(await this.support.find(PROJECT_DECIDER, projectId)).loaded.state)
        await this.needs.release(caller, input.needIds, projectId, input.proposedOn);
      throw error;
    }
  }

  /** The council's session resolved it: a session the council held and one of its resolutions. */
  async resolve(
    caller: Caller,
    projectId: string,
    input: { sessionId: string; resolution: number; resolvedOn: string },
    options: CommandOptions,
  ): Promise<ProjectResult> {
    const { project, council } = await this.forAdmins(caller, projectId);
    assertProjectResolution(council.state, { councilId: project.state.councilId, ...input });
    return this.decide(caller, project, { kind: 'ResolveProject', ...input }, options);
  }

  /**
   * The community party committee approves it: the approver is on the convener's path (the convener or above it), a
   * Committee, WorkingCommittee or GeneralBranch, and the caller may write for it.
   */
  async approve(
    caller: Caller,
    projectId: string,
    input: { approverOrganizationId: string; approvedOn: string },
    options: CommandOptions,
  ): Promise<ProjectResult> {
    const project = await this.support.load(PROJECT_DECIDER, projectId, 'projectId');
    const approver = await this.directory.organization(input.approverOrganizationId);
    if (!approver || approver.status !== 'active')
      refuse(
        'ORGANIZATION_NOT_FOUND',
        `no active organization ${input.approverOrganizationId}`,
        'approverOrganizationId',
      );
    if (!canWrite(caller, await this.directory.scopeOf(approver._id)))
      throw new AuthError('FORBIDDEN', `outside your scope: you do not act for ${approver._id}`);
    const convener = await this.directory.scopeOf(project.state.convenerOrganizationId);
    if (!convener.organizationPath.includes(approver._id) || !APPROVER_TYPES.includes(approver.type))
      refuse(
        'APPROVER_NOT_SUPERIOR',
        `${approver._id} is not a party committee on the convener's path (the convener or above it)`,
        'approverOrganizationId',
      );
    return this.decide(caller, project, { kind: 'ApproveProject', ...input }, options);
  }

  /** A current member unit claims it, with its commitment; the caller acts for the unit. */
  async claim(
    caller: Caller,
    projectId: string,
    input: {
      unitId: string;
      resources: ReadonlyArray<{ kind: ResourceKind; quantity: number; unit: string }>;
      description: string;
      claimedOn: string;
    },
    options: CommandOptions,
  ): Promise<ProjectResult> {
    const project = await this.support.load(PROJECT_DECIDER, projectId, 'projectId');
    const council = await this.councilOf(project.state);
    await this.access.assertActsForUnit(caller, council.state, input.unitId);
    const membership = currentMembership(council.state, input.unitId);
    return this.decide(
      caller,
      project,
      {
        kind: 'ClaimProject',
        commitment: {
          unitId: input.unitId,
          organizationId: membership?.organizationId ?? null,
          resources: input.resources.map((r) => ({ kind: r.kind, quantity: r.quantity, unit: r.unit })),
          description: input.description,
        },
        memberUnitIds: councilMemberUnitIds(council.state),
        claimedOn: input.claimedOn,
      },
      options,
    );
  }

  async start(caller: Caller, projectId: string, input: { startedOn: string }, options: CommandOptions) {
    const { project } = await this.forAdmins(caller, projectId);
    return this.decide(caller, project, { kind: 'StartProject', ...input }, options);
  }

  /** A milestone, recorded by the council's admins or a claiming unit. */
  async recordMilestone(
    caller: Caller,
    projectId: string,
    input: { milestoneId?: string | null; title: string; reachedOn: string },
    options: CommandOptions,
  ): Promise<ProjectResult> {
    const project = await this.forClaimingUnits(caller, projectId);
    return this.decide(
      caller,
      project,
      { kind: 'RecordMilestone', ...input, milestoneId: input.milestoneId ?? randomUUID() },
      options,
    );
  }

  /** A claiming unit's committed resources used, recorded by someone acting for that unit. */
  async recordResourceUse(
    caller: Caller,
    projectId: string,
    input: {
      unitId: string;
      resourceKind: ResourceKind;
      quantity: number;
      usedOn: string;
      /** An offered resource (资源清单) of the unit's the use draws on: committed to the project first. */
      resourceId?: string | null;
    },
    options: CommandOptions,
  ): Promise<ProjectResult> {
    const project = await this.support.load(PROJECT_DECIDER, projectId, 'projectId');
    const council = await this.councilOf(project.state);
    await this.access.assertActsForUnit(caller, council.state, input.unitId);
    const { resourceId, ...use } = input;
    const command = { kind: 'RecordResourceUse' as const, ...use };
    if (resourceId) {
      // the project's rules first (nothing is committed for a use the project refuses), then the resource's
      decideProject({ ...command, today: this.support.today() }, project.state);
      // a retry of this command (the client's commandId) whose resource commit went through but whose project append
      // did not finds that commit on the resource's stream and replays it instead of committing the resource again
      await this.resources.commit(
        caller,
        {
          councilId: council.id,
          resourceId,
          projectId,
          unitId: input.unitId,
          resourceKind: input.resourceKind,
          quantity: input.quantity,
          committedOn: input.usedOn,
        },
        options.commandId
          ? { commandId: derivedCommandId(options.commandId, `project/${projectId}/resource/${resourceId}`) }
          : {},
      );
    }
    return this.decide(caller, project, command, options);
  }

  /**
   * A sign-in at the project's activity: a volunteer's holds nothing about the person (a count), a party member's
   * only the member id. By the council's admins or a claiming unit's representative or admins.
   */
  async recordSignIn(
    caller: Caller,
    projectId: string,
    input: { signInId?: string | null; signInKind: SignInKind; memberId?: string | null; on: string },
    options: CommandOptions,
  ): Promise<ProjectResult> {
    const project = await this.forClaimingUnits(caller, projectId);
    return this.decide(
      caller,
      project,
      {
        kind: 'RecordSignIn',
        signInId: input.signInId ?? randomUUID(),
        signInKind: input.signInKind,
        memberId: input.memberId ?? null,
        on: input.on,
      },
      options,
    );
  }

  /**
   * Completed; then the needs it took up are served (each once: a retry serves those left). A crash between the
   * completion and the services is completed by a retry: with the same commandId the event store replays the
   * completion's commit; with another (or none) a project already Completed (or Evaluated, Closed) is answered as it
   * is instead of refused. Either way the needs not yet served are served (on the day of its last step).
   */
  async complete(
    caller: Caller,
    projectId: string,
    input: { completedOn: string },
    options: CommandOptions,
  ): Promise<ProjectResult> {
    const { project } = await this.forAdmins(caller, projectId);
    const done = COMPLETED.includes(project.state.status)
      ? { project: project.state, version: project.loaded.version }
      : await this.decide(caller, project, { kind: 'CompleteProject', ...input }, options);
    await this.needs.serve(caller, done.project.needIds, projectId, done.project.lastStepOn);
    return done;
  }

  /** The council scores it on its type's indicator set in its district (the rules file's). */
  async score(
    caller: Caller,
    projectId: string,
    input: { scores: ReadonlyArray<{ indicator: string; score: number }>; scoredOn: string },
    options: CommandOptions,
  ): Promise<ProjectResult> {
    const { project } = await this.forAdmins(caller, projectId);
    const indicatorSet = indicatorSetFor(this.indicators, project.state.category, project.state.region.district);
    return this.decide(caller, project, { kind: 'ScoreProject', indicatorSet, ...input }, options);
  }

  async close(caller: Caller, projectId: string, input: { closedOn: string }, options: CommandOptions) {
    const { project } = await this.forAdmins(caller, projectId);
    return this.decide(caller, project, { kind: 'CloseProject', ...input }, options);
  }

  /** The indicator set a project is scored on (for clients to show before scoring). */
  indicatorSet(project: Pick<Project, 'category' | 'region'>) {
    return indicatorSetFor(this.indicators, project.category, project.region.district);
  }

  private async writableCouncil(caller: Caller, councilId: string): Promise<Loaded<Council>> {
    const council = await this.support.load(COUNCIL_DECIDER, councilId, 'councilId');
    await this.access.assertWrite(caller, council.state);
    return council;
  }

  private councilOf(project: Project): Promise<Loaded<Council>> {
    return this.support.load(COUNCIL_DECIDER, project.councilId, 'councilId');
  }

  /** The project, when the caller is one of its council's admins. */
  private async forAdmins(caller: Caller, projectId: string) {
    const project = await this.support.load(PROJECT_DECIDER, projectId, 'projectId');
    const council = await this.councilOf(project.state);
    await this.access.assertWrite(caller, council.state);
    return { project, council };
  }

  /** The project, when the caller is one of its council's admins or acts for one of its claiming units. */
  private async forClaimingUnits(caller: Caller, projectId: string): Promise<Loaded<Project>> {
    const project = await this.support.load(PROJECT_DECIDER, projectId, 'projectId');
    const council = await this.councilOf(project.state);
    if (await this.access.canWrite(caller, council.state)) return project;
    for (const claim of project.state.claims) {
      const acts = await this.access.assertActsForUnit(caller, council.state, claim.unitId).then(
        () => true,
        () => false,
      );
      if (acts) return project;
    }
    throw new AuthError('FORBIDDEN', "only the council's admins or a claiming unit's representative or admins");
  }

  private async decide(
    caller: Caller,
    project: Loaded<Project>,
    command: Undated<ProjectCommand>,
    options: CommandOptions,
  ): Promise<ProjectResult> {
    const handled = await this.support.runToday(
      caller,
      PROJECT_DECIDER,
      project.id,
      command,
      project.loaded,
      options,
      project.state.region.district,
    );
    return { project: handled.state, version: handled.version };
  }
}
