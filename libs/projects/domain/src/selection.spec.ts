import { type Step, refusalOf, replay } from './decider.testing';
import {
  type SelectionCommand,
  type SelectionState,
  decideSelection,
  evolveSelection,
  periodStart,
  selectionTally,
} from './selection';

const today = '2026-11-20';
type S = Step<SelectionCommand>;
const run = (...steps: S[]) => replay(decideSelection, evolveSelection, null as SelectionState, today, steps);
const given = (...steps: S[]): SelectionState => run(...steps).state;
const refusal = (state: SelectionState, step: S) => refusalOf(() => decideSelection({ ...step, today }, state));

const nominate = (projectId: string, nominatedOn = '2026-07-10', period = '2026-H2'): S => ({
  kind: 'NominateCreativeProject',
  councilId: 'c-1',
  period,
  projectId,
  nominatedOn,
});
const vote = (unitId: string, projectId: string, votedOn = '2026-08-01'): S => ({
  kind: 'VoteCreativeProject',
  unitId,
  memberUnitIds: ['u-1', 'u-2', 'u-3', 'u-4'],
  projectId,
  votedOn,
});
const select = (
  tieBreak: string | null = null,
  selectedOn = '2026-09-01',
): Extract<S, { kind: 'SelectCreativeProject' }> => ({
  kind: 'SelectCreativeProject',
  tieBreak,
  selectedOn,
});

describe("a council's most creative project of a period", () => {
  it('nominates, takes one vote per member unit, and selects the project with the most votes', () => {
    const { state, events } = run(
      nominate('p-1'),
      nominate('p-2'),
      nominate('p-3'),
      vote('u-1', 'p-2'),
      vote('u-2', 'p-2'),
      vote('u-3', 'p-1'),
      select(),
    );
    expect(events.at(-1)).toEqual({
      type: 'CreativeProjectSelected',
      data: {
        councilId: 'c-1',
        period: '2026-H2',
        projectId: 'p-2',
        votes: 2,
        tally: [
          { projectId: 'p-2', votes: 2 },
          { projectId: 'p-1', votes: 1 },
          { projectId: 'p-3', votes: 0 },
        ],
        selectedOn: '2026-09-01',
      },
    });
    expect(state?.votes).toHaveLength(3);
    expect(state?.selected?.projectId).toBe('p-2');
  });

  it('takes a year or a half year as its period', () => {
    expect(periodStart('2026')).toBe('2026-01-01');
    expect(periodStart('2026-H1')).toBe('2026-01-01');
    expect(periodStart('2026-H2')).toBe('2026-07-01');
    for (const period of ['2026-H3', '26', '2026-Q1', '2026-h1', ' 2026'])
      expect(refusal(null, nominate('p-1', '2026-07-10', period))).toEqual({
        code: 'SELECTION_PERIOD_INVALID',
        field: 'period',
      });
    expect(given(nominate('p-1', '2026-02-01', '2026'))?.period).toBe('2026');
  });

  it('nominates a project once, within or after its period, not in the future', () => {
    const state = given(nominate('p-1'));
    expect(refusal(state, nominate('p-1'))).toEqual({ code: 'PROJECT_ALREADY_NOMINATED', field: 'projectId' });
    expect(refusal(null, nominate('p-1', '2026-06-30'))).toEqual({ code: 'DATE_OUT_OF_ORDER', field: 'nominatedOn' });
    expect(refusal(null, nominate('p-1', '2026-11-21'))).toEqual({ code: 'DATE_IN_FUTURE', field: 'nominatedOn' });
  });

  it('takes votes from current member units only, once each, for a nominated project, not before its nomination', () => {
    const state = given(nominate('p-1'), nominate('p-2', '2026-08-01'), vote('u-1', 'p-1'));
    expect(refusal(state, vote('u-1', 'p-2'))).toEqual({ code: 'VOTE_ALREADY_CAST', field: 'unitId' });
    expect(refusal(state, vote('u-9', 'p-1'))).toEqual({ code: 'UNIT_NOT_MEMBER', field: 'unitId' });
    expect(refusal(state, vote('u-2', 'p-9'))).toEqual({ code: 'PROJECT_NOT_NOMINATED', field: 'projectId' });
    expect(refusal(null, vote('u-2', 'p-1'))).toEqual({ code: 'PROJECT_NOT_NOMINATED', field: 'projectId' });
    expect(refusal(state, vote('u-2', 'p-2', '2026-07-31'))).toEqual({ code: 'DATE_OUT_OF_ORDER', field: 'votedOn' });
    expect(refusal(state, vote('u-2', 'p-2', '2026-11-21'))).toEqual({ code: 'DATE_IN_FUTURE', field: 'votedOn' });
  });

  it('refuses a tie unless the chair picks one of the tied projects', () => {
    const state = given(
      nominate('p-1'),
      nominate('p-2'),
      nominate('p-3'),
      vote('u-1', 'p-1'),
      vote('u-2', 'p-2'),
      vote('u-3', 'p-3'),
    );
    expect(refusal(state, select())).toEqual({ code: 'SELECTION_TIED', field: 'tieBreak' });
    expect(() => decideSelection({ ...select(), today }, state)).toThrow('tied with 1 votes each: p-1, p-2, p-3');
    const [chosen] = decideSelection({ ...select('p-3'), today }, state);
    expect(chosen?.data).toMatchObject({ projectId: 'p-3', votes: 1 });
    expect(refusal(state, select('p-9'))).toEqual({ code: 'SELECTION_TIE_BREAK_INVALID', field: 'tieBreak' });
    const twoTied = given(nominate('p-1'), nominate('p-2'), vote('u-1', 'p-1'), vote('u-2', 'p-2'));
    expect(refusal(twoTied, select())).toEqual({ code: 'SELECTION_TIED', field: 'tieBreak' });
    const clear = given(nominate('p-1'), nominate('p-2'), vote('u-1', 'p-1'), vote('u-2', 'p-1'), vote('u-3', 'p-2'));
    expect(refusal(clear, select('p-2'))).toEqual({ code: 'SELECTION_TIE_BREAK_INVALID', field: 'tieBreak' });
    expect(given(nominate('p-1'), nominate('p-2'), vote('u-1', 'p-1'), select('p-1'))?.selected?.projectId).toBe('p-1');
  });

  it('refuses a selection without votes, and before the last vote', () => {
    expect(refusal(given(nominate('p-1')), select())).toEqual({ code: 'SELECTION_NO_VOTES', field: 'period' });
    expect(refusal(null, select())).toEqual({ code: 'SELECTION_NO_VOTES', field: 'period' });
    const voted = given(nominate('p-1'), vote('u-1', 'p-1', '2026-08-10'));
    expect(refusal(voted, select(null, '2026-08-09'))).toEqual({ code: 'DATE_OUT_OF_ORDER', field: 'selectedOn' });
    expect(refusal(voted, select(null, '2026-11-21'))).toEqual({ code: 'DATE_IN_FUTURE', field: 'selectedOn' });
  });

  it('takes nothing more once the result is out', () => {
    const done = given(nominate('p-1'), nominate('p-2'), vote('u-1', 'p-1'), select());
    expect(refusal(done, nominate('p-3'))).toEqual({ code: 'SELECTION_CLOSED', field: 'period' });
    expect(refusal(done, vote('u-2', 'p-2'))).toEqual({ code: 'SELECTION_CLOSED', field: 'period' });
    expect(refusal(done, select())).toEqual({ code: 'SELECTION_CLOSED', field: 'period' });
  });

  it('tallies every nominated project, most votes first, then by id', () => {
    expect(selectionTally(null)).toEqual([]);
    expect(selectionTally(given(nominate('p-b'), nominate('p-a'), nominate('p-c'), vote('u-1', 'p-c')))).toEqual([
      { projectId: 'p-c', votes: 1 },
      { projectId: 'p-a', votes: 0 },
      { projectId: 'p-b', votes: 0 },
    ]);
  });
});
