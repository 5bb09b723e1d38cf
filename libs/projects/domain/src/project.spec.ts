import { ProjectRuleViolation } from './errors';
import { type ProjectCommand, type ProjectState, decideProject, evolveProject } from './project';

const today = '2026-11-20';
type Step = ProjectCommand extends infer C ? (C extends unknown ? Omit<C, 'today'> : never) : never;

/** The state after the commands, each decided on the state the previous ones left. */
function given(...steps: Step[]): ProjectState {
  let state: ProjectState = null;
  for (const step of steps)
    for (const event of decideProject({ ...step, today }, state)) state = evolveProject(state, event);
  return state;
}
function refusal(state: ProjectState, step: Step): { code: string; field: string | null } {
  try {
    decideProject({ ...step, today }, state);
  } catch (error) {
    if (error instanceof ProjectRuleViolation) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('not refused');
}

const propose: Step = {
  kind: 'ProposeProject',
  projectId: 'p-1',
  councilId: 'c-1',
  convenerOrganizationId: 'street-1',
  title: '老旧小区加装电梯',
  category: 'PublicServices',
  needIds: ['n-1', 'n-2', 'n-1'],
  region: { district: 'd-1', street: 's-1', community: null },
  proposedOn: '2026-03-01',
};
const resolve: Step = { kind: 'ResolveProject', sessionId: 's-1', resolution: 2, resolvedOn: '2026-03-10' };
const approve: Step = { kind: 'ApproveProject', approverOrganizationId: 'community-1', approvedOn: '2026-03-15' };
const claim = (unitId: string): Step => ({
  kind: 'ClaimProject',
  commitment: {
    unitId,
    organizationId: null,
    resources: [{ kind: 'Funds', quantity: 20_000, unit: '元' }],
    description: '出资并派志愿者',
  },
  claimedOn: '2026-04-01',
});
const start: Step = { kind: 'StartProject', startedOn: '2026-04-10' };
const complete: Step = { kind: 'CompleteProject', completedOn: '2026-09-30' };
const score: Step = {
  kind: 'ScoreProject',
  scores: [
    { indicator: 'implementation', weight: 0.4, score: 90 },
    { indicator: 'funds-and-benefit', weight: 0.35, score: 80 },
    { indicator: 'process', weight: 0.25, score: 70 },
  ],
  scoredOn: '2026-10-15',
};

describe('a co-building project from proposal to closing', () => {
  it('goes through every step in order and counts its ratings', () => {
    const closed = given(
      propose,
      resolve,
      approve,
      claim('u-1'),
      claim('u-2'),
      start,
      { kind: 'RecordMilestone', milestoneId: 'm-1', title: '方案公示', reachedOn: '2026-05-01' },
      { kind: 'RecordResourceUse', unitId: 'u-1', resourceKind: 'Funds', quantity: 5000, usedOn: '2026-05-02' },
      { kind: 'RecordSignIn', signInId: 'si-1', signInKind: 'Member', memberId: '8000000000000001', on: '2026-05-03' },
      { kind: 'RecordSignIn', signInId: 'si-2', signInKind: 'Volunteer', memberId: null, on: '2026-05-03' },
      complete,
      score,
      { kind: 'CloseProject', closedOn: '2026-11-01' },
    );
    expect(closed).toMatchObject({
      status: 'Closed',
      needIds: ['n-1', 'n-2'],
      claims: [{ unitId: 'u-1' }, { unitId: 'u-2' }],
      milestoneIds: ['m-1'],
      signInIds: ['si-1', 'si-2'],
      scoreTotal: 81.5, // 0.4 × 90 + 0.35 × 80 + 0.25 × 70
    });
  });

  it('refuses every step out of its state, with the rule', () => {
    expect(refusal(given(propose), approve)).toEqual({ code: 'PROJECT_STATE_NOT_ALLOWED', field: 'projectId' });
    expect(refusal(given(propose, resolve), claim('u-1'))).toEqual({
      code: 'PROJECT_STATE_NOT_ALLOWED',
      field: 'projectId',
    });
    expect(refusal(given(propose, resolve, approve), start)).toMatchObject({ code: 'PROJECT_STATE_NOT_ALLOWED' });
    expect(refusal(null, start)).toEqual({ code: 'PROJECT_NOT_FOUND', field: 'projectId' });
    expect(refusal(given(propose), propose)).toMatchObject({ code: 'PROJECT_ALREADY_EXISTS' });
  });

  it('checks needs, claims, resources, sign-ins, scores and dates', () => {
    expect(refusal(null, { ...propose, needIds: [] })).toEqual({
      code: 'PROJECT_NEEDS_REQUIRED',
      field: 'needIds',
    });
    const claimed = given(propose, resolve, approve, claim('u-1'));
    expect(refusal(claimed, claim('u-1'))).toEqual({ code: 'PROJECT_ALREADY_CLAIMED_BY_UNIT', field: 'unitId' });
    const running = given(propose, resolve, approve, claim('u-1'), start);
    expect(
      refusal(running, {
        kind: 'RecordResourceUse',
        unitId: 'u-9',
        resourceKind: 'Venue',
        quantity: 1,
        usedOn: '2026-05-01',
      }),
    ).toEqual({ code: 'PROJECT_NOT_CLAIMED', field: 'unitId' });
    const signedIn = given(propose, resolve, approve, claim('u-1'), start, {
      kind: 'RecordSignIn',
      signInId: 'si-1',
      signInKind: 'Volunteer',
      memberId: null,
      on: '2026-05-03',
    });
    expect(
      refusal(signedIn, {
        kind: 'RecordSignIn',
        signInId: 'si-1',
        signInKind: 'Volunteer',
        memberId: null,
        on: '2026-05-03',
      }),
    ).toMatchObject({ code: 'PROJECT_SIGN_IN_DUPLICATE' });
    expect(
      refusal(running, {
        kind: 'RecordSignIn',
        signInId: 'si-2',
        signInKind: 'Member',
        memberId: null,
        on: '2026-05-03',
      }),
    ).toMatchObject({ code: 'PROJECT_CLAIM_INVALID', field: 'memberId' });
    const completed = given(propose, resolve, approve, claim('u-1'), start, complete);
    expect(refusal(completed, { ...score, scores: [{ indicator: 'implementation', weight: 0.5, score: 90 }] })).toEqual(
      { code: 'PROJECT_SCORES_INVALID', field: 'scores' },
    );
    expect(refusal(given(propose), { ...resolve, resolvedOn: '2026-02-01' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'resolvedOn',
    });
    expect(refusal(given(propose), { ...resolve, resolvedOn: '2026-12-01' })).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'resolvedOn',
    });
  });
});
