import { type IsoDate } from '@lianjian/calendar';
import { type Dated, notBefore, notFuture } from './dates';
import { refuse } from './errors';
import { type IndicatorSet } from './indicators';
import {
  type Commitment,
  NEED_CATEGORIES,
  type NeedCategory,
  type ProjectStatus,
  type Region,
  type ResourceKind,
  type SignInKind,
} from './model';
import { type IndicatorScore, weightedScore } from './satisfaction';

/**
 * A regional co-building project (共建项目), one stream per project: proposed from residents' and office workers'
 * needs, resolved by a session of its joint council, approved by the community party committee, claimed by member
 * units (each with its commitment), carried out (milestones, resources used, sign-ins), completed, scored by the
 * council on the project type's indicators, rated by the people it served, and closed.
 */
export type ProjectEvent =
  | {
      type: 'ProjectProposed';
      data: {
        projectId: string;
        councilId: string;
        convenerOrganizationId: string;
        title: string;
        category: NeedCategory;
        needIds: string[];
        /** The council's region, so projections and ratings know where the project is. */
        region: Region;
        proposedOn: IsoDate;
      };
    }
  | { type: 'ProjectResolved'; data: { projectId: string; sessionId: string; resolution: number; resolvedOn: IsoDate } }
  | { type: 'ProjectApproved'; data: { projectId: string; approverOrganizationId: string; approvedOn: IsoDate } }
  | { type: 'ProjectClaimed'; data: { projectId: string; commitment: Commitment; claimedOn: IsoDate } }
  | { type: 'ProjectStarted'; data: { projectId: string; startedOn: IsoDate } }
  | { type: 'MilestoneReached'; data: { projectId: string; milestoneId: string; title: string; reachedOn: IsoDate } }
  | {
      type: 'ProjectResourceUsed';
      data: { projectId: string; unitId: string; kind: ResourceKind; quantity: number; usedOn: IsoDate };
    }
  | {
      type: 'ProjectSignedIn';
      data: { projectId: string; signInId: string; kind: SignInKind; memberId: string | null; on: IsoDate };
    }
  | { type: 'ProjectCompleted'; data: { projectId: string; completedOn: IsoDate } }
  | { type: 'ProjectScored'; data: { projectId: string; scores: IndicatorScore[]; total: number; scoredOn: IsoDate } }
  | { type: 'ProjectClosed'; data: { projectId: string; closedOn: IsoDate } };

export interface Project {
  readonly id: string;
  readonly councilId: string;
  readonly convenerOrganizationId: string;
  readonly title: string;
  readonly category: NeedCategory;
  readonly needIds: readonly string[];
  readonly region: Region;
  readonly status: ProjectStatus;
  /** The day of the last step: no later step may be dated before it. */
  readonly lastStepOn: IsoDate;
  readonly claims: readonly Commitment[];
  readonly milestoneIds: readonly string[];
  readonly signInIds: readonly string[];
  /** Sign-ins by kind (each activity's volunteers and members: the participation count). */
  readonly signInCounts: Readonly<Record<SignInKind, number>>;
  /** The members who signed in at least once, in the order they first did. */
  readonly participantMemberIds: readonly string[];
  /** Each member's sign-in (by member id only: the list `Member.projectSignIns` reads). */
  readonly memberSignIns: ReadonlyArray<{ readonly signInId: string; readonly memberId: string; readonly on: IsoDate }>;
  readonly scoreTotal: number | null;
}

export type ProjectState = Project | null;

export type ProjectCommand = (
  | {
      kind: 'ProposeProject';
      projectId: string;
      councilId: string;
      convenerOrganizationId: string;
      title: string;
      category: NeedCategory;
      needIds: readonly string[];
      region: Region;
      proposedOn: IsoDate;
    }
  | { kind: 'ResolveProject'; sessionId: string; resolution: number; resolvedOn: IsoDate }
  | { kind: 'ApproveProject'; approverOrganizationId: string; approvedOn: IsoDate }
  | {
      kind: 'ClaimProject';
      commitment: Commitment;
      /** The council's current member units (`councilMemberUnitIds`), resolved by the application. */
      memberUnitIds: readonly string[];
      claimedOn: IsoDate;
    }
  | { kind: 'StartProject'; startedOn: IsoDate }
  | { kind: 'RecordMilestone'; milestoneId: string; title: string; reachedOn: IsoDate }
  | { kind: 'RecordResourceUse'; unitId: string; resourceKind: ResourceKind; quantity: number; usedOn: IsoDate }
  | { kind: 'RecordSignIn'; signInId: string; signInKind: SignInKind; memberId: string | null; on: IsoDate }
  | { kind: 'CompleteProject'; completedOn: IsoDate }
  | {
      kind: 'ScoreProject';
      /** The project type's set in the project's district (`indicatorSetFor`), resolved by the application. */
      indicatorSet: IndicatorSet;
      /** The council's score of each of the set's indicators, 0–100; the weights come from the set. */
      scores: ReadonlyArray<{ readonly indicator: string; readonly score: number }>;
      scoredOn: IsoDate;
    }
  | { kind: 'CloseProject'; closedOn: IsoDate }
) &
  Dated;

/** Which states each step may start from, and the rule its refusal names. */
const FROM: Record<Exclude<ProjectCommand['kind'], 'ProposeProject'>, readonly ProjectStatus[]> = {
  ResolveProject: ['Proposed'],
  ApproveProject: ['Resolved'],
  ClaimProject: ['Approved', 'Claimed'],
  StartProject: ['Claimed'],
  RecordMilestone: ['InProgress'],
  RecordResourceUse: ['InProgress'],
  RecordSignIn: ['InProgress'],
  CompleteProject: ['InProgress'],
  ScoreProject: ['Completed'],
  CloseProject: ['Evaluated'],
};

const dated = (on: IsoDate, field: string, today: IsoDate, after: IsoDate | null): IsoDate =>
  notBefore(notFuture(on, today, field), after, field, "the project's last step");

/** The council's scores on the project type's set: each of the set's indicators once, 0–100, weighed by the set. */
function scoresOnTheSet(
  project: Project,
  set: IndicatorSet,
  scores: ReadonlyArray<{ readonly indicator: string; readonly score: number }>,
): IndicatorScore[] {
  if (set.category !== project.category || set.district !== project.region.district)
    refuse(
      'INDICATOR_SET_INVALID',
      `the set given is ${set.category}'s in ${set.district}, the project is ${project.category} in ${project.region.district}`,
      'indicatorSet',
    );
  const named = scores.map((s) => s.indicator);
  const expected = set.indicators.map((i) => i.indicator);
  if (
    named.length !== expected.length ||
    new Set(named).size !== named.length ||
    named.some((indicator) => !(expected as readonly string[]).includes(indicator))
  )
    refuse('PROJECT_SCORES_INVALID', `score each of ${expected.join(', ')} once, and nothing else`, 'scores');
  return set.indicators.map(({ indicator, weight }) => ({
    indicator,
    weight,
    score: scores.find((s) => s.indicator === indicator)?.score ?? Number.NaN,
  }));
}

export function decideProject(command: ProjectCommand, state: ProjectState): ProjectEvent[] {
  if (command.kind === 'ProposeProject') {
    if (state) refuse('PROJECT_ALREADY_EXISTS', `project ${command.projectId} exists`, 'projectId');
    if (command.needIds.length === 0)
      refuse('PROJECT_NEEDS_REQUIRED', 'a project is proposed from one or more needs', 'needIds');
    if (!command.title.trim()) refuse('PROJECT_INVALID', 'a project has a title', 'title');
    if (!NEED_CATEGORIES.includes(command.category))
      refuse('PROJECT_INVALID', `no category ${command.category}`, 'category');
    if (!command.region.district.trim())
      refuse('PROJECT_INVALID', "a project's region is its council's, district first", 'region');
    return [
      {
        type: 'ProjectProposed',
        data: {
          projectId: command.projectId,
          councilId: command.councilId,
          convenerOrganizationId: command.convenerOrganizationId,
          title: command.title.trim(),
          category: command.category,
          needIds: [...new Set(command.needIds)],
          region: command.region,
          proposedOn: dated(command.proposedOn, 'proposedOn', command.today, null),
        },
      },
    ];
  }
  if (!state) return refuse('PROJECT_NOT_FOUND', 'no such project', 'projectId');
  const p = state;
  if (!FROM[command.kind].includes(p.status))
    refuse(
      'PROJECT_STATE_NOT_ALLOWED',
      `a project ${p.status} cannot take ${command.kind} (only when ${FROM[command.kind].join(' or ')})`,
      'projectId',
    );
  const projectId = p.id;
  const { today } = command;
  const after = p.lastStepOn;
  switch (command.kind) {
    case 'ResolveProject':
      if (!Number.isInteger(command.resolution) || command.resolution < 1)
        refuse('RESOLUTIONS_INVALID', 'a resolution is numbered from 1 in its session', 'resolution');
      return [
        {
          type: 'ProjectResolved',
          data: {
            projectId,
            sessionId: command.sessionId,
            resolution: command.resolution,
            resolvedOn: dated(command.resolvedOn, 'resolvedOn', today, after),
          },
        },
      ];
    case 'ApproveProject':
      return [
        {
          type: 'ProjectApproved',
          data: {
            projectId,
            approverOrganizationId: command.approverOrganizationId,
            approvedOn: dated(command.approvedOn, 'approvedOn', today, after),
          },
        },
      ];
    case 'ClaimProject': {
      const c = command.commitment;
      if (!command.memberUnitIds.includes(c.unitId))
        refuse('UNIT_NOT_MEMBER', `unit ${c.unitId} is not a member unit of the council`, 'unitId');
      if (p.claims.some((claim) => claim.unitId === c.unitId))
        refuse('PROJECT_ALREADY_CLAIMED_BY_UNIT', `unit ${c.unitId} already claimed this project`, 'unitId');
      if (!c.description.trim() && c.resources.length === 0)
        refuse('PROJECT_CLAIM_INVALID', 'a claim commits resources or says what the unit will do', 'commitment');
      if (c.resources.some((r) => !(r.quantity > 0)))
        refuse('PROJECT_CLAIM_INVALID', 'each committed resource has a positive quantity', 'resources');
      return [
        {
          type: 'ProjectClaimed',
          data: { projectId, commitment: c, claimedOn: dated(command.claimedOn, 'claimedOn', today, after) },
        },
      ];
    }
    case 'StartProject':
      return [
        { type: 'ProjectStarted', data: { projectId, startedOn: dated(command.startedOn, 'startedOn', today, after) } },
      ];
    case 'RecordMilestone':
      if (p.milestoneIds.includes(command.milestoneId)) return []; // recorded already (a retry)
      return [
        {
          type: 'MilestoneReached',
          data: {
            projectId,
            milestoneId: command.milestoneId,
            title: command.title,
            reachedOn: dated(command.reachedOn, 'reachedOn', today, after),
          },
        },
      ];
    case 'RecordResourceUse':
      if (!p.claims.some((c) => c.unitId === command.unitId))
        refuse('PROJECT_NOT_CLAIMED', `unit ${command.unitId} did not claim this project`, 'unitId');
      if (!(Number.isFinite(command.quantity) && command.quantity > 0))
        refuse('PROJECT_RESOURCE_USE_INVALID', 'a quantity used is positive', 'quantity');
      return [
        {
          type: 'ProjectResourceUsed',
          data: {
            projectId,
            unitId: command.unitId,
            kind: command.resourceKind,
            quantity: command.quantity,
            usedOn: dated(command.usedOn, 'usedOn', today, after),
          },
        },
      ];
    case 'RecordSignIn':
      if (p.signInIds.includes(command.signInId))
        refuse('PROJECT_SIGN_IN_DUPLICATE', `sign-in ${command.signInId} is recorded already`, 'signInId');
      if ((command.signInKind === 'Member') !== (command.memberId !== null))
        refuse('PROJECT_SIGN_IN_INVALID', 'a member signs in with their member id, a volunteer without', 'memberId');
      return [
        {
          type: 'ProjectSignedIn',
          data: {
            projectId,
            signInId: command.signInId,
            kind: command.signInKind,
            memberId: command.memberId,
            on: dated(command.on, 'on', today, after),
          },
        },
      ];
    case 'CompleteProject':
      return [
        {
          type: 'ProjectCompleted',
          data: { projectId, completedOn: dated(command.completedOn, 'completedOn', today, after) },
        },
      ];
    case 'ScoreProject': {
      const scores = scoresOnTheSet(p, command.indicatorSet, command.scores);
      return [
        {
          type: 'ProjectScored',
          data: {
            projectId,
            scores,
            total: weightedScore(scores),
            scoredOn: dated(command.scoredOn, 'scoredOn', today, after),
          },
        },
      ];
    }
    case 'CloseProject':
      return [
        { type: 'ProjectClosed', data: { projectId, closedOn: dated(command.closedOn, 'closedOn', today, after) } },
      ];
  }
}

export function evolveProject(state: ProjectState, event: ProjectEvent): ProjectState {
  if (event.type === 'ProjectProposed') {
    const d = event.data;
    return {
      id: d.projectId,
      councilId: d.councilId,
      convenerOrganizationId: d.convenerOrganizationId,
      title: d.title,
      category: d.category,
      needIds: d.needIds,
      status: 'Proposed',
      lastStepOn: d.proposedOn,
      claims: [],
      milestoneIds: [],
      signInIds: [],
      signInCounts: { Volunteer: 0, Member: 0 },
      participantMemberIds: [],
      memberSignIns: [],
      scoreTotal: null,
      region: d.region,
    };
  }
  if (!state) return state;
  switch (event.type) {
    case 'ProjectResolved':
      return { ...state, status: 'Resolved', lastStepOn: event.data.resolvedOn };
    case 'ProjectApproved':
      return { ...state, status: 'Approved', lastStepOn: event.data.approvedOn };
    case 'ProjectClaimed':
      return {
        ...state,
        status: 'Claimed',
        claims: [...state.claims, event.data.commitment],
        lastStepOn: event.data.claimedOn,
      };
    case 'ProjectStarted':
      return { ...state, status: 'InProgress', lastStepOn: event.data.startedOn };
    case 'MilestoneReached':
      return { ...state, milestoneIds: [...state.milestoneIds, event.data.milestoneId] };
    case 'ProjectResourceUsed':
      return state;
    case 'ProjectSignedIn': {
      const { signInId, kind, memberId, on } = event.data;
      return {
        ...state,
        signInIds: [...state.signInIds, signInId],
        signInCounts: { ...state.signInCounts, [kind]: state.signInCounts[kind] + 1 },
        participantMemberIds:
          memberId === null || state.participantMemberIds.includes(memberId)
            ? state.participantMemberIds
            : [...state.participantMemberIds, memberId],
        memberSignIns: memberId === null ? state.memberSignIns : [...state.memberSignIns, { signInId, memberId, on }],
      };
    }
    case 'ProjectCompleted':
      return { ...state, status: 'Completed', lastStepOn: event.data.completedOn };
    case 'ProjectScored':
      return { ...state, status: 'Evaluated', scoreTotal: event.data.total, lastStepOn: event.data.scoredOn };
    case 'ProjectClosed':
      return { ...state, status: 'Closed', lastStepOn: event.data.closedOn };
  }
}
