import { type Assert, type Equal, type MismatchedPayloads, type Payloads, exampleMessage } from '@lianjian/contracts';
import type * as published from '@lianjian/projects-contracts';
import {
  PROJECTS_EVENTS,
  type ProjectsMessage,
  UNSCREENED_PERSONAL_DATA,
  decodeProjectsMessage,
  ratingStreamId,
} from '@lianjian/projects-contracts';
import type * as domain from '@lianjian/projects-domain';
import {
  type CouncilCommand,
  type CouncilEvent,
  type CouncilState,
  type NeedCommand,
  type NeedEvent,
  type NeedState,
  type PairingCommand,
  type PairingEvent,
  type PairingState,
  type PersonalDataKind,
  type ProjectCommand,
  type ProjectEvent,
  type ProjectState,
  type RatingEvent,
  type ResourceCommand,
  type ResourceEvent,
  type ResourceState,
  type SelectionCommand,
  type SelectionState,
  type SelectionEvent,
  type SignInKind,
  DEFAULT_INDICATOR_CONFIGURATION,
  PERSONAL_DATA_PATTERNS,
  decideCouncil,
  decideNeed,
  decidePairing,
  decideProject,
  decideRating,
  decideResource,
  decideSelection,
  evolveCouncil,
  evolveNeed,
  evolvePairing,
  evolveProject,
  evolveResource,
  evolveSelection,
  indicatorSetFor,
} from '@lianjian/projects-domain';
import { raterKey, raterKeySecret } from '../public/rater-key';

// The domain's event unions stay pure (no contract or framework import); the published contract is defined on its
// own (libs/projects/contracts) and checked against them here, at compile time: the same event types, and for each
// type the same payload (readonly aside). A field added on one side only fails `npm run typecheck` (ADR 0016).
type DomainEvent =
  CouncilEvent | PairingEvent | NeedEvent | ResourceEvent | ProjectEvent | RatingEvent | SelectionEvent;
type Published = Payloads<ProjectsMessage>;
type Decided = Payloads<DomainEvent>;
const _sameTypes: Assert<Equal<keyof Published, keyof Decided>> = true;
const _samePayloads: Assert<Equal<MismatchedPayloads<Decided, Published>, never>> = true;

// The vocabulary repeats the domain's value sets, in the same order (the published enums list them so).
type SameList<A extends readonly string[], B extends readonly string[]> = [A] extends [B]
  ? [B] extends [A]
    ? true
    : false
  : false;
const _needCategories: Assert<SameList<typeof published.NEED_CATEGORIES, typeof domain.NEED_CATEGORIES>> = true;
const _needKinds: Assert<SameList<typeof published.NEED_KINDS, typeof domain.NEED_KINDS>> = true;
const _submitterKinds: Assert<SameList<typeof published.SUBMITTER_KINDS, typeof domain.SUBMITTER_KINDS>> = true;
const _needChannels: Assert<SameList<typeof published.NEED_CHANNELS, typeof domain.NEED_CHANNELS>> = true;
const _needStatuses: Assert<SameList<typeof published.NEED_STATUSES, typeof domain.NEED_STATUSES>> = true;
const _projectStatuses: Assert<SameList<typeof published.PROJECT_STATUSES, typeof domain.PROJECT_STATUSES>> = true;
const _levels: Assert<SameList<typeof published.SATISFACTION_LEVELS, typeof domain.SATISFACTION_LEVELS>> = true;
const _resourceKinds: Assert<SameList<typeof published.RESOURCE_KINDS, typeof domain.RESOURCE_KINDS>> = true;
const _councilKinds: Assert<SameList<typeof published.COUNCIL_KINDS, typeof domain.COUNCIL_KINDS>> = true;
const _councilLevels: Assert<SameList<typeof published.COUNCIL_LEVELS, typeof domain.COUNCIL_LEVELS>> = true;
const _seatTitles: Assert<SameList<typeof published.SEAT_TITLES, typeof domain.SEAT_TITLES>> = true;
const _signInKinds: Assert<Equal<(typeof published.SIGN_IN_KINDS)[number], SignInKind>> = true;
const _screenedKinds: Assert<Equal<(typeof published.PERSONAL_DATA_KINDS)[number], PersonalDataKind>> = true;

const today = '2026-11-22';
type Step<C> = C extends unknown ? Omit<C, 'today'> : never;

/** Runs the commands through decide and evolve, each on the state the previous ones left: every event decided. */
function decided<C extends { today: string }, S, E>(
  decide: (command: C, state: S) => E[],
  evolve: (state: S, event: E) => S,
  steps: ReadonlyArray<Step<C>>,
): E[] {
  let state = null as S;
  const events: E[] = [];
  for (const step of steps)
    for (const event of decide({ ...step, today } as unknown as C, state)) {
      events.push(event);
      state = evolve(state, event);
    }
  return events;
}

/** Each event as its message (the example's envelope around the decided payload), decoded with the published schema. */
function expectDecoded(events: ReadonlyArray<{ type: string; data: unknown }>): void {
  for (const event of events) {
    const definition = PROJECTS_EVENTS.find((m) => m.type === event.type)!;
    const message = {
      ...exampleMessage(definition, 'projects'),
      streamId: definition.key.of(event.data as never),
      data: event.data,
    };
    expect(decodeProjectsMessage(message)).toEqual(message);
  }
}

const region = { district: 'huangpu', street: 'waitan', community: 'jinling-east' };

describe('the projects service publishes its domain events as its contract defines them', () => {
  it('decides council, pairing, need, resource, project and selection events that decode with the published schemas', () => {
    const council = decided<CouncilCommand, CouncilState, CouncilEvent>(decideCouncil, evolveCouncil, [
      {
        kind: 'ConveneCouncil',
        councilId: 'jc-1',
        name: '金陵东路社区党建联席会议',
        councilKind: 'JointConference',
        level: 'Community',
        convenerOrganizationId: 'community-1',
        region,
        convenedOn: '2025-03-15',
      },
      {
        kind: 'JoinMemberUnit',
        unitId: 'u-2',
        organizationId: 'b-7',
        representativeMemberId: '8000000000000002',
        joinedOn: '2025-03-15',
      },
      {
        kind: 'JoinMemberUnit',
        unitId: 'u-3',
        organizationId: null,
        representativeMemberId: null,
        joinedOn: '2025-04-01',
      },
      {
        kind: 'FillCommitteeSeat',
        seatId: 'seat-2',
        title: 'DeputyChair',
        unitId: 'u-2',
        representativeMemberId: '8000000000000002',
        filledOn: '2025-04-01',
      },
      {
        kind: 'HoldSession',
        sessionId: 's-3',
        heldOn: '2026-03-28',
        attendingUnitIds: ['u-2', 'u-3'],
        resolutions: [{ number: 1, subject: '同意睦邻活动室改造项目立项' }],
      },
      {
        kind: 'ChangeRepresentative',
        unitId: 'u-2',
        representativeMemberId: '8000000000000003',
        changedOn: '2026-04-01',
      },
      { kind: 'LeaveMemberUnit', unitId: 'u-3', leftOn: '2026-09-30' },
    ]);
    expect(council.map((e) => e.type)).toEqual([
      'CouncilConvened',
      'MemberUnitJoined',
      'MemberUnitJoined',
      'CommitteeSeatFilled',
      'CouncilSessionHeld',
      'CommitteeSeatVacated',
      'MemberUnitRepresentativeChanged',
      'MemberUnitLeft',
    ]);
    const pairing = decided<PairingCommand, PairingState, PairingEvent>(decidePairing, evolvePairing, [
      {
        kind: 'AgreePairing',
        pairingId: 'pr-1',
        councilId: 'jc-1',
        organizationIds: ['b-1', 'b-7'],
        commitments: [
          { organizationId: 'b-1', commitment: '每季度组织党员志愿服务' },
          { organizationId: 'b-7', commitment: '开放单位会议室' },
        ],
        from: '2026-01-01',
        until: '2027-12-31',
      },
      { kind: 'EndPairing', endedOn: '2026-10-01', reason: '结对单位搬迁' },
    ]);
    const submit = {
      kind: 'SubmitNeed',
      councilId: 'jc-1',
      category: 'PublicServices',
      title: '小区睦邻活动室改造',
      description: '',
      place: null,
      unitId: null,
      contact: 'v1.c2VhbGVkLWNvbnRhY3Q.dGFn.ZGF0YQ',
      channel: 'PublicForm',
      submittedOn: '2026-03-02',
    } as const;
    const needs = [
      ...decided<NeedCommand, NeedState, NeedEvent>(decideNeed, evolveNeed, [
        { ...submit, needId: 'n-1', needKind: 'Need', submitterKind: 'Resident' },
        { kind: 'TakeUpNeed', projectId: 'p-1', takenUpOn: '2026-03-20' },
        { kind: 'ServeNeed', servedOn: '2026-05-31' },
      ]),
      ...decided<NeedCommand, NeedState, NeedEvent>(decideNeed, evolveNeed, [
        { ...submit, needId: 'n-4', needKind: 'Need', submitterKind: 'Resident' },
        { kind: 'TakeUpNeed', projectId: 'p-2', takenUpOn: '2026-03-20' },
        { kind: 'ReleaseNeed', projectId: 'p-2', releasedOn: '2026-03-20' },
      ]),
      ...decided<NeedCommand, NeedState, NeedEvent>(decideNeed, evolveNeed, [
        { ...submit, needId: 'n-2', needKind: 'Wish', submitterKind: 'Unit', unitId: 'u-2', contact: null },
        { kind: 'ClaimWish', unitId: 'u-2', memberUnitIds: ['u-2'], claimedOn: '2026-04-01' },
      ]),
      ...decided<NeedCommand, NeedState, NeedEvent>(decideNeed, evolveNeed, [
        { ...submit, needId: 'n-3', needKind: 'Idea', submitterKind: 'OfficeWorker', place: '  ' },
        { kind: 'DeclineNeed', reason: '属于物业管理范围', declinedOn: '2026-03-28' },
      ]),
    ];
    expect(needs.map((e) => e.type)).toEqual([
      'NeedSubmitted',
      'NeedTakenUp',
      'NeedServed',
      'NeedSubmitted',
      'NeedTakenUp',
      'NeedReleased',
      'NeedSubmitted',
      'WishClaimed',
      'NeedSubmitted',
      'NeedDeclined',
    ]);
    const resources = decided<ResourceCommand, ResourceState, ResourceEvent>(decideResource, evolveResource, [
      {
        kind: 'OfferResource',
        resourceId: 'r-1',
        councilId: 'jc-1',
        unitId: 'u-2',
        memberUnitIds: ['u-2'],
        resourceKind: 'Funds',
        title: '社区公益共建资金',
        quantity: 20000,
        measure: '元',
        categories: ['PublicServices', 'PublicServices'],
        place: null,
        availableFrom: '2026-01-01',
        availableUntil: null,
        conditions: ' ',
        offeredOn: '2025-12-20',
      },
      { kind: 'CommitResource', projectId: 'p-1', quantity: 15000, committedOn: '2026-04-10' },
      { kind: 'WithdrawResource', withdrawnOn: '2026-10-01' },
    ]);
    expect(resources.map((e) => e.type)).toEqual(['ResourceOffered', 'ResourceCommitted', 'ResourceWithdrawn']);
    const project = decided<ProjectCommand, ProjectState, ProjectEvent>(decideProject, evolveProject, [
      {
        kind: 'ProposeProject',
        projectId: 'p-1',
        councilId: 'jc-1',
        convenerOrganizationId: 'community-1',
        title: '金陵东路社区睦邻活动室改造',
        category: 'PublicServices',
        needIds: ['n-1', 'n-1'],
        region,
        proposedOn: '2026-03-20',
      },
      { kind: 'ResolveProject', sessionId: 's-3', resolution: 1, resolvedOn: '2026-03-28' },
      { kind: 'ApproveProject', approverOrganizationId: 'community-1', approvedOn: '2026-04-02' },
      {
        kind: 'ClaimProject',
        commitment: {
          unitId: 'u-2',
          organizationId: 'b-7',
          resources: [{ kind: 'Funds', quantity: 15000, unit: '元' }],
          description: '',
        },
        memberUnitIds: ['u-2'],
        claimedOn: '2026-04-10',
      },
      { kind: 'StartProject', startedOn: '2026-04-15' },
      { kind: 'RecordMilestone', milestoneId: 'ms-1', title: '照明和桌椅安装完成', reachedOn: '2026-05-10' },
      { kind: 'RecordResourceUse', unitId: 'u-2', resourceKind: 'Funds', quantity: 12800, usedOn: '2026-05-10' },
      { kind: 'RecordSignIn', signInId: 'si-1', signInKind: 'Member', memberId: '8000000000000001', on: '2026-05-10' },
      { kind: 'RecordSignIn', signInId: 'si-2', signInKind: 'Volunteer', memberId: null, on: '2026-05-10' },
      { kind: 'CompleteProject', completedOn: '2026-05-31' },
      {
        kind: 'ScoreProject',
        indicatorSet: indicatorSetFor(DEFAULT_INDICATOR_CONFIGURATION, 'PublicServices', 'huangpu'),
        scores: [
          { indicator: 'ProcessQuality', score: 90 },
          { indicator: 'ImplementationPerformance', score: 92 },
          { indicator: 'FundsAndBenefit', score: 88 },
        ],
        scoredOn: '2026-06-20',
      },
      { kind: 'CloseProject', closedOn: '2026-07-01' },
    ]);
    expect(project).toHaveLength(12);
    const nominate = { kind: 'NominateCreativeProject', councilId: 'jc-1', period: '2026-H2' } as const;
    const vote = { kind: 'VoteCreativeProject', memberUnitIds: ['u-2', 'u-3'], votedOn: '2026-11-12' } as const;
    const selection = decided<SelectionCommand, SelectionState, SelectionEvent>(decideSelection, evolveSelection, [
      { ...nominate, projectId: 'p-1', nominatedOn: '2026-11-02' },
      { ...nominate, projectId: 'p-4', nominatedOn: '2026-11-02' },
      { ...vote, unitId: 'u-2', projectId: 'p-4' },
      { ...vote, unitId: 'u-3', projectId: 'p-1' },
      { kind: 'SelectCreativeProject', tieBreak: 'p-1', selectedOn: '2026-11-20' },
    ]);
    expect(selection.map((e) => e.type)).toEqual([
      'CreativeProjectNominated',
      'CreativeProjectNominated',
      'CreativeProjectVoteCast',
      'CreativeProjectVoteCast',
      'CreativeProjectSelected',
    ]);
    expectDecoded([...council, ...pairing, ...needs, ...resources, ...project, ...selection]);
  });

  it('decides ratings whose comment, as the domain screens it, holds nothing the published schema refuses', () => {
    const project = { status: 'Completed' as const, councilId: 'jc-1', region };
    const rated = (comment: string | null): RatingEvent[] =>
      decideRating(
        {
          kind: 'RateProject',
          projectId: 'p-1',
          ratingId: '3b6f2c1e-8d4a-4f7b-9c2e-5a1d0e7f6b49',
          level: 'Satisfied',
          comment,
          ratedOn: '2026-06-05',
          today,
        },
        { project },
      );
    const comments = [
      null,
      '  ',
      '活动室亮堂了，谢谢社区！',
      '有事打13800138000或１３９００１３９０００，座机021-63211234',
      '+86 138 0013 8000，邮箱 zhang.san@example.com',
      '身份证31010119900101123X，旧证310101900101123，卡号6222020200112233445',
    ];
    const events = comments.flatMap(rated);
    expect(events.map((e) => e.data.screenedKinds)).toEqual([
      [],
      [],
      [],
      ['Phone'],
      ['Email', 'Phone'],
      ['IdNumber', 'CardNumber'],
    ]);
    expectDecoded(events);
    // on the rater's stream, keyed as the service derives the rater key from a mobile number (never the number)
    const key = raterKey(raterKeySecret(Buffer.alloc(32, 7)), 'p-1', '+86 138-0013-8000');
    const definition = PROJECTS_EVENTS.find((m) => m.type === 'ProjectRated')!;
    const message = {
      ...exampleMessage(definition, 'projects'),
      streamId: ratingStreamId('p-1', key),
      data: events[0]!.data,
    };
    expect(decodeProjectsMessage(message)).toEqual(message);
    expect(message.streamId).not.toContain('13800138000');
  });
});

describe('the personal data the domain screens out and the contract refuses', () => {
  it('are the same patterns, of the same kinds, in the same order (the contract may not import the domain)', () => {
    expect(UNSCREENED_PERSONAL_DATA.map(({ kind, pattern }) => ({ kind, pattern }))).toEqual(
      PERSONAL_DATA_PATTERNS.map(({ kind, pattern }) => ({ kind, pattern: pattern.source })),
    );
  });
});
