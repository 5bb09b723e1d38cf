import { type Step, refusalOf, replay } from './decider.testing';
import { DEFAULT_INDICATOR_CONFIGURATION, type IndicatorSet, indicatorSetFor } from './indicators';
import { type ProjectCommand, type ProjectState, decideProject, evolveProject } from './project';

const today = '2026-11-20';
type S = Step<ProjectCommand>;
const run = (...steps: S[]) => replay(decideProject, evolveProject, null as ProjectState, today, steps);
const given = (...steps: S[]): ProjectState => run(...steps).state;
const refusal = (state: ProjectState, step: S) => refusalOf(() => decideProject({ ...step, today }, state));

const region = { district: 'd-1', street: 's-1', community: null };
const propose: Extract<S, { kind: 'ProposeProject' }> = {
  kind: 'ProposeProject',
  projectId: 'p-1',
  councilId: 'c-1',
  convenerOrganizationId: 'street-1',
  title: ' 老旧小区加装电梯 ',
  category: 'PublicServices',
  needIds: ['n-1', 'n-2', 'n-1'],
  region,
  proposedOn: '2026-03-01',
};
const resolve: S = { kind: 'ResolveProject', sessionId: 's-1', resolution: 2, resolvedOn: '2026-03-10' };
const approve: S = { kind: 'ApproveProject', approverOrganizationId: 'community-1', approvedOn: '2026-03-15' };
const claim = (unitId: string, claimedOn = '2026-04-01'): Extract<S, { kind: 'ClaimProject' }> => ({
  kind: 'ClaimProject',
  commitment: {
    unitId,
    organizationId: null,
    resources: [{ kind: 'Funds', quantity: 20_000, unit: '元' }],
    description: '出资并派志愿者',
  },
  memberUnitIds: ['u-1', 'u-2'],
  claimedOn,
});
const start: S = { kind: 'StartProject', startedOn: '2026-04-10' };
const milestone: S = { kind: 'RecordMilestone', milestoneId: 'm-1', title: '方案公示', reachedOn: '2026-05-01' };
const use: Extract<S, { kind: 'RecordResourceUse' }> = {
  kind: 'RecordResourceUse',
  unitId: 'u-1',
  resourceKind: 'Funds',
  quantity: 5000,
  usedOn: '2026-05-02',
};
const signIn = (signInId: string, memberId: string | null, on = '2026-05-03'): S => ({
  kind: 'RecordSignIn',
  signInId,
  signInKind: memberId === null ? 'Volunteer' : 'Member',
  memberId,
  on,
});
const complete: S = { kind: 'CompleteProject', completedOn: '2026-09-30' };
const set: IndicatorSet = indicatorSetFor(DEFAULT_INDICATOR_CONFIGURATION, 'PublicServices', 'd-1');
const score: Extract<S, { kind: 'ScoreProject' }> = {
  kind: 'ScoreProject',
  indicatorSet: set,
  scores: [
    { indicator: 'ProcessQuality', score: 70 },
    { indicator: 'ImplementationPerformance', score: 90 },
    { indicator: 'FundsAndBenefit', score: 80 },
  ],
  scoredOn: '2026-10-15',
};
const close: S = { kind: 'CloseProject', closedOn: '2026-11-01' };

const proposed = () => given(propose);
const approved = () => given(propose, resolve, approve);
const running = () => given(propose, resolve, approve, claim('u-1'), start);
const completed = () => given(propose, resolve, approve, claim('u-1'), start, complete);

describe('a co-building project from proposal to closing', () => {
  it('goes through every step in order, keeping its claims, milestones and participants', () => {
    const { state, events } = run(
      propose,
      resolve,
      approve,
      claim('u-1'),
      claim('u-2', '2026-04-02'),
      start,
      milestone,
      use,
      signIn('si-1', 'm-8'),
      signIn('si-2', null),
      signIn('si-3', 'm-8', '2026-05-10'),
      signIn('si-4', 'm-9', '2026-05-10'),
      complete,
      score,
      close,
    );
    expect(events.map((e) => e.type)).toEqual([
      'ProjectProposed',
      'ProjectResolved',
      'ProjectApproved',
      'ProjectClaimed',
      'ProjectClaimed',
      'ProjectStarted',
      'MilestoneReached',
      'ProjectResourceUsed',
      'ProjectSignedIn',
      'ProjectSignedIn',
      'ProjectSignedIn',
      'ProjectSignedIn',
      'ProjectCompleted',
      'ProjectScored',
      'ProjectClosed',
    ]);
    expect(events[0]?.data).toEqual({
      projectId: 'p-1',
      councilId: 'c-1',
      convenerOrganizationId: 'street-1',
      title: '老旧小区加装电梯',
      category: 'PublicServices',
      needIds: ['n-1', 'n-2'],
      region,
      proposedOn: '2026-03-01',
    });
    expect(state).toMatchObject({
      status: 'Closed',
      region,
      needIds: ['n-1', 'n-2'],
      claims: [{ unitId: 'u-1' }, { unitId: 'u-2' }],
      milestoneIds: ['m-1'],
      signInIds: ['si-1', 'si-2', 'si-3', 'si-4'],
      signInCounts: { Volunteer: 1, Member: 3 },
      participantMemberIds: ['m-8', 'm-9'],
      memberSignIns: [
        { signInId: 'si-1', memberId: 'm-8', on: '2026-05-03' },
        { signInId: 'si-3', memberId: 'm-8', on: '2026-05-10' },
        { signInId: 'si-4', memberId: 'm-9', on: '2026-05-10' },
      ],
      scoreTotal: 81, // 0.4 × 90 + 0.3 × 80 + 0.3 × 70
      lastStepOn: '2026-11-01',
    });
    expect(state).not.toHaveProperty('ratings');
  });

  it('refuses every step out of its state, with the rule', () => {
    const cases: Array<[ProjectState, S]> = [
      [proposed(), approve],
      [proposed(), claim('u-1')],
      [given(propose, resolve), resolve],
      [given(propose, resolve), claim('u-1')],
      [approved(), start],
      [approved(), milestone],
      [given(propose, resolve, approve, claim('u-1')), complete],
      [given(propose, resolve, approve, claim('u-1')), use],
      [given(propose, resolve, approve, claim('u-1')), signIn('si-1', null)],
      [running(), claim('u-2')],
      [running(), score],
      [running(), close],
      [completed(), close],
      [completed(), milestone],
      [given(propose, resolve, approve, claim('u-1'), start, complete, score), score],
      [given(propose, resolve, approve, claim('u-1'), start, complete, score, close), close],
    ];
    for (const [state, step] of cases)
      expect(refusal(state, step)).toEqual({ code: 'PROJECT_STATE_NOT_ALLOWED', field: 'projectId' });
    expect(refusal(null, start)).toEqual({ code: 'PROJECT_NOT_FOUND', field: 'projectId' });
    expect(refusal(proposed(), propose)).toEqual({ code: 'PROJECT_ALREADY_EXISTS', field: 'projectId' });
  });

  it('is proposed from needs, with a title, a category of the list and its region', () => {
    expect(refusal(null, { ...propose, needIds: [] })).toEqual({ code: 'PROJECT_NEEDS_REQUIRED', field: 'needIds' });
    expect(refusal(null, { ...propose, title: ' ' })).toEqual({ code: 'PROJECT_INVALID', field: 'title' });
    expect(refusal(null, { ...propose, category: 'Other' as never })).toEqual({
      code: 'PROJECT_INVALID',
      field: 'category',
    });
    expect(refusal(null, { ...propose, region: { ...region, district: '' } })).toEqual({
      code: 'PROJECT_INVALID',
      field: 'region',
    });
  });

  it('is resolved by a numbered resolution', () => {
    expect(given(propose, resolve)).toMatchObject({ status: 'Resolved', lastStepOn: '2026-03-10' });
    for (const resolution of [0, 1.5, -1])
      expect(refusal(proposed(), { ...resolve, resolution })).toEqual({
        code: 'RESOLUTIONS_INVALID',
        field: 'resolution',
      });
  });

  it('is claimed by current member units of its council, each once, each committing something', () => {
    expect(refusal(approved(), claim('u-9'))).toEqual({ code: 'UNIT_NOT_MEMBER', field: 'unitId' });
    const claimed = given(propose, resolve, approve, claim('u-1'));
    expect(claimed).toMatchObject({ status: 'Claimed', claims: [{ unitId: 'u-1', description: '出资并派志愿者' }] });
    expect(refusal(claimed, claim('u-1'))).toEqual({ code: 'PROJECT_ALREADY_CLAIMED_BY_UNIT', field: 'unitId' });
    const c = claim('u-2');
    expect(refusal(claimed, { ...c, commitment: { ...c.commitment, resources: [], description: ' ' } })).toEqual({
      code: 'PROJECT_CLAIM_INVALID',
      field: 'commitment',
    });
    expect(
      refusal(claimed, {
        ...c,
        commitment: { ...c.commitment, resources: [{ kind: 'Venue', quantity: 0, unit: '平方米' }] },
      }),
    ).toEqual({ code: 'PROJECT_CLAIM_INVALID', field: 'resources' });
    expect(
      given(propose, resolve, approve, claim('u-1'), { ...c, commitment: { ...c.commitment, resources: [] } })?.claims,
    ).toHaveLength(2);
  });

  it('records milestones once (a retry records nothing), and resources used by a claiming unit', () => {
    const withMilestone = given(propose, resolve, approve, claim('u-1'), start, milestone);
    expect(withMilestone?.milestoneIds).toEqual(['m-1']);
    expect(decideProject({ ...milestone, today }, withMilestone)).toEqual([]);
    expect(decideProject({ ...use, today }, running())).toEqual([
      {
        type: 'ProjectResourceUsed',
        data: { projectId: 'p-1', unitId: 'u-1', kind: 'Funds', quantity: 5000, usedOn: '2026-05-02' },
      },
    ]);
    expect(refusal(running(), { ...use, unitId: 'u-2' })).toEqual({ code: 'PROJECT_NOT_CLAIMED', field: 'unitId' });
    for (const quantity of [0, -3, Number.NaN])
      expect(refusal(running(), { ...use, quantity })).toEqual({
        code: 'PROJECT_RESOURCE_USE_INVALID',
        field: 'quantity',
      });
  });

  it('records sign-ins once each: a member with their member id, a volunteer without', () => {
    const signedIn = given(propose, resolve, approve, claim('u-1'), start, signIn('si-1', null));
    expect(refusal(signedIn, signIn('si-1', null))).toEqual({ code: 'PROJECT_SIGN_IN_DUPLICATE', field: 'signInId' });
    expect(refusal(running(), { ...signIn('si-2', 'm-1'), memberId: null } as S)).toEqual({
      code: 'PROJECT_SIGN_IN_INVALID',
      field: 'memberId',
    });
    expect(refusal(running(), { ...signIn('si-2', null), memberId: 'm-1' } as S)).toEqual({
      code: 'PROJECT_SIGN_IN_INVALID',
      field: 'memberId',
    });
  });

  it("is scored on its type's indicator set, the weights taken from the set", () => {
    const { events } = replay(decideProject, evolveProject, completed(), today, [score]);
    expect(events).toEqual([
      {
        type: 'ProjectScored',
        data: {
          projectId: 'p-1',
          scores: [
            { indicator: 'ImplementationPerformance', weight: 0.4, score: 90 },
            { indicator: 'FundsAndBenefit', weight: 0.3, score: 80 },
            { indicator: 'ProcessQuality', weight: 0.3, score: 70 },
          ],
          total: 81,
          scoredOn: '2026-10-15',
        },
      },
    ]);
    const onlyTwo: IndicatorSet = {
      ...set,
      indicators: [
        { indicator: 'ImplementationPerformance', weight: 0.5 },
        { indicator: 'ProcessQuality', weight: 0.5 },
      ],
    };
    expect(
      given(propose, resolve, approve, claim('u-1'), start, complete, {
        ...score,
        indicatorSet: onlyTwo,
        scores: [
          { indicator: 'ImplementationPerformance', score: 90 },
          { indicator: 'ProcessQuality', score: 71 },
        ],
      }),
    ).toMatchObject({ status: 'Evaluated', scoreTotal: 80.5 });
  });

  it("refuses scores that don't name exactly the set's indicators, or outside 0–100, or on another type's set", () => {
    const done = completed();
    const [a, b, c] = score.scores as [
      { indicator: string; score: number },
      { indicator: string; score: number },
      { indicator: string; score: number },
    ];
    for (const scores of [
      [a, b],
      [a, b, c, { indicator: 'Beauty', score: 50 }],
      [a, b, b],
      [a, b, { indicator: 'Beauty', score: 50 }],
    ])
      expect(refusal(done, { ...score, scores })).toEqual({ code: 'PROJECT_SCORES_INVALID', field: 'scores' });
    for (const bad of [101, -1, Number.NaN])
      expect(refusal(done, { ...score, scores: [a, b, { ...c, score: bad }] })).toEqual({
        code: 'PROJECT_SCORES_INVALID',
        field: 'scores',
      });
    expect(refusal(done, { ...score, indicatorSet: { ...set, category: 'SocialValue' } })).toEqual({
      code: 'INDICATOR_SET_INVALID',
      field: 'indicatorSet',
    });
    expect(refusal(done, { ...score, indicatorSet: { ...set, district: 'd-2' } })).toEqual({
      code: 'INDICATOR_SET_INVALID',
      field: 'indicatorSet',
    });
  });

  it('dates each step not before the last and not after today', () => {
    expect(refusal(proposed(), { ...resolve, resolvedOn: '2026-02-01' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'resolvedOn',
    });
    expect(refusal(proposed(), { ...resolve, resolvedOn: '2026-12-01' })).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'resolvedOn',
    });
    expect(refusal(null, { ...propose, proposedOn: '2026-11-21' })).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'proposedOn',
    });
    expect(refusal(null, { ...propose, proposedOn: '2026-1-1' })).toEqual({
      code: 'DATE_INVALID',
      field: 'proposedOn',
    });
    expect(refusal(given(propose, resolve), { ...approve, approvedOn: '2026-03-09' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'approvedOn',
    });
    expect(refusal(approved(), claim('u-1', '2026-03-14'))).toEqual({ code: 'DATE_OUT_OF_ORDER', field: 'claimedOn' });
    expect(refusal(given(propose, resolve, approve, claim('u-1')), { ...start, startedOn: '2026-03-31' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'startedOn',
    });
    expect(refusal(running(), { ...milestone, reachedOn: '2026-04-09' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'reachedOn',
    });
    expect(refusal(running(), { ...use, usedOn: '2026-04-09' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'usedOn',
    });
    expect(refusal(running(), signIn('si-1', null, '2026-11-21'))).toEqual({ code: 'DATE_IN_FUTURE', field: 'on' });
    expect(refusal(running(), { ...complete, completedOn: '2026-04-09' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'completedOn',
    });
    expect(refusal(completed(), { ...score, scoredOn: '2026-09-29' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'scoredOn',
    });
    const evaluated = given(propose, resolve, approve, claim('u-1'), start, complete, score);
    expect(refusal(evaluated, { ...close, closedOn: '2026-10-14' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'closedOn',
    });
  });
});
