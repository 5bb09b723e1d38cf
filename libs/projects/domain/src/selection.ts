import { type IsoDate } from '@lianjian/calendar';
import { type Dated, latest, notBefore, notFuture } from './dates';
import { refuse } from './errors';

/**
 * The events of a council's "most creative project" selection (最具创意项目) for one period
 * (`selection-<councilId>-<period>`, period 'YYYY' or 'YYYY-H1' / 'YYYY-H2').
 */
export type SelectionEvent =
  | {
      type: 'CreativeProjectNominated';
      data: { councilId: string; period: string; projectId: string; nominatedOn: IsoDate };
    }
  | {
      type: 'CreativeProjectVoteCast';
      data: { councilId: string; period: string; unitId: string; projectId: string; votedOn: IsoDate };
    }
  | {
      type: 'CreativeProjectSelected';
      data: {
        councilId: string;
        period: string;
        projectId: string;
        /** The selected project's votes. */
        votes: number;
        /** Every nominated project's votes, most first (then by project id). */
        tally: Array<{ projectId: string; votes: number }>;
        selectedOn: IsoDate;
      };
    };

export interface VoteTally {
  readonly projectId: string;
  readonly votes: number;
}

/**
 * A council's "most creative project" selection (最具创意项目) for one period, one stream per council and period:
 * projects of the council are nominated (once each), each current member unit votes once for a nominated project,
 * and the project with the most votes is selected — a tie is decided by the council's chair (`tieBreak`).
 */
export interface Selection {
  readonly councilId: string;
  readonly period: string;
  readonly nominations: ReadonlyArray<{ readonly projectId: string; readonly nominatedOn: IsoDate }>;
  readonly votes: ReadonlyArray<{ readonly unitId: string; readonly projectId: string; readonly votedOn: IsoDate }>;
  readonly selected: {
    readonly projectId: string;
    readonly votes: number;
    readonly tally: readonly VoteTally[];
    readonly selectedOn: IsoDate;
  } | null;
  /** The day of the last nomination or vote. */
  readonly lastStepOn: IsoDate;
}

export type SelectionState = Selection | null;

export type SelectionCommand = (
  | { kind: 'NominateCreativeProject'; councilId: string; period: string; projectId: string; nominatedOn: IsoDate }
  | {
      kind: 'VoteCreativeProject';
      unitId: string;
      /** The council's current member units (`councilMemberUnitIds`), resolved by the application. */
      memberUnitIds: readonly string[];
      projectId: string;
      votedOn: IsoDate;
    }
  | {
      kind: 'SelectCreativeProject';
      /** The chair's choice among the projects tied for the most votes; null: no tie to break. */
      tieBreak: string | null;
      selectedOn: IsoDate;
    }
) &
  Dated;

const PERIOD = /^(\d{4})(?:-H([12]))?$/;

/** The first day of a period ('YYYY' → YYYY-01-01, 'YYYY-H1' → YYYY-01-01, 'YYYY-H2' → YYYY-07-01); null: no period. */
export function periodStart(period: string): IsoDate | null {
  const match = PERIOD.exec(period);
  if (!match) return null;
  return `${match[1]}-${match[2] === '2' ? '07' : '01'}-01`;
}

/** Every nominated project's votes, most first, then by project id. */
export function selectionTally(state: SelectionState): VoteTally[] {
  if (!state) return [];
  return state.nominations
    .map(({ projectId }) => ({ projectId, votes: state.votes.filter((v) => v.projectId === projectId).length }))
    .sort((a, b) => b.votes - a.votes || (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0));
}

export function decideSelection(command: SelectionCommand, state: SelectionState): SelectionEvent[] {
  const { today } = command;
  if (state?.selected)
    refuse(
      'SELECTION_CLOSED',
      `project ${state.selected.projectId} was selected on ${state.selected.selectedOn}`,
      'period',
    );
  switch (command.kind) {
    case 'NominateCreativeProject': {
      const start = periodStart(command.period);
      if (start === null) return refuse('SELECTION_PERIOD_INVALID', 'a period is YYYY, YYYY-H1 or YYYY-H2', 'period');
      if (state?.nominations.some((n) => n.projectId === command.projectId))
        refuse('PROJECT_ALREADY_NOMINATED', `project ${command.projectId} is nominated already`, 'projectId');
      const nominatedOn = notFuture(command.nominatedOn, today, 'nominatedOn');
      notBefore(nominatedOn, start, 'nominatedOn', `the period ${command.period} began`);
      return [
        {
          type: 'CreativeProjectNominated',
          data: { councilId: command.councilId, period: command.period, projectId: command.projectId, nominatedOn },
        },
      ];
    }
    case 'VoteCreativeProject': {
      const nomination = state?.nominations.find((n) => n.projectId === command.projectId);
      if (!state || !nomination)
        return refuse('PROJECT_NOT_NOMINATED', `project ${command.projectId} is not nominated`, 'projectId');
      if (!command.memberUnitIds.includes(command.unitId))
        refuse('UNIT_NOT_MEMBER', `unit ${command.unitId} is not a member unit of the council`, 'unitId');
      const cast = state.votes.find((v) => v.unitId === command.unitId);
      if (cast)
        refuse('VOTE_ALREADY_CAST', `unit ${command.unitId} voted on ${cast.votedOn}: one vote per unit`, 'unitId');
      const votedOn = notFuture(command.votedOn, today, 'votedOn');
      notBefore(votedOn, nomination.nominatedOn, 'votedOn', 'the project was nominated');
      return [
        {
          type: 'CreativeProjectVoteCast',
          data: {
            councilId: state.councilId,
            period: state.period,
            unitId: command.unitId,
            projectId: command.projectId,
            votedOn,
          },
        },
      ];
    }
    case 'SelectCreativeProject': {
      if (!state || state.votes.length === 0)
        return refuse('SELECTION_NO_VOTES', 'no member unit has voted yet', 'period');
      const tally = selectionTally(state);
      const most = tally[0]?.votes ?? 0;
      const leaders = tally.filter((t) => t.votes === most).map((t) => t.projectId);
      if (leaders.length > 1 && command.tieBreak === null)
        refuse('SELECTION_TIED', `tied with ${most} votes each: ${leaders.join(', ')}`, 'tieBreak');
      if (command.tieBreak !== null && !leaders.includes(command.tieBreak))
        refuse('SELECTION_TIE_BREAK_INVALID', `the choice is among ${leaders.join(', ')}`, 'tieBreak');
      const projectId = command.tieBreak ?? leaders[0] ?? '';
      const selectedOn = notFuture(command.selectedOn, today, 'selectedOn');
      notBefore(selectedOn, state.lastStepOn, 'selectedOn', 'the last nomination or vote');
      return [
        {
          type: 'CreativeProjectSelected',
          data: { councilId: state.councilId, period: state.period, projectId, votes: most, tally, selectedOn },
        },
      ];
    }
  }
}

export function evolveSelection(state: SelectionState, event: SelectionEvent): SelectionState {
  switch (event.type) {
    case 'CreativeProjectNominated': {
      const d = event.data;
      const nomination = { projectId: d.projectId, nominatedOn: d.nominatedOn };
      return state
        ? {
            ...state,
            nominations: [...state.nominations, nomination],
            lastStepOn: latest(state.lastStepOn, d.nominatedOn) ?? d.nominatedOn,
          }
        : {
            councilId: d.councilId,
            period: d.period,
            nominations: [nomination],
            votes: [],
            selected: null,
            lastStepOn: d.nominatedOn,
          };
    }
    case 'CreativeProjectVoteCast': {
      if (!state) return state;
      const d = event.data;
      return {
        ...state,
        votes: [...state.votes, { unitId: d.unitId, projectId: d.projectId, votedOn: d.votedOn }],
        lastStepOn: latest(state.lastStepOn, d.votedOn) ?? d.votedOn,
      };
    }
    case 'CreativeProjectSelected': {
      if (!state) return state;
      const d = event.data;
      return {
        ...state,
        selected: { projectId: d.projectId, votes: d.votes, tally: d.tally, selectedOn: d.selectedOn },
      };
    }
  }
}
