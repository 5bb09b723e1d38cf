import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { type Caller } from '@lianjian/auth';
import { projectsStreamId } from '@lianjian/projects-contracts';
import { OrganizationsProcess, eventually, requireEnv, testCaller, uniqueName } from '@lianjian/testing';
import { establishCoBuildingCity } from './testing/co-building-fixture';
import { ProjectsHarness } from './testing/projects-harness';

const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });
const XUHUI = testCaller('DISTRICT_ADMIN', { district: 'xuhui' });
const RUIJIN = testCaller('ORGANIZATION_ADMIN', { organizationId: 'ruijin' });
const WAITAN = testCaller('ORGANIZATION_ADMIN', { organizationId: 'waitan' });
const REPRESENTATIVE = testCaller('MEMBER', { memberId: 'm-rep', organizationId: 'b-other' });
const VOLUNTEER_MEMBER = testCaller('MEMBER', { memberId: 'm-vol', organizationId: 'b-other' });
const STRANGER = testCaller('MEMBER', { memberId: 'm-stranger', organizationId: 'b-other' });

const PROJECT = `id title category status needIds version claims { unit { id } organization { id } description }
  milestones signIns { volunteers members participatingMembers } score lastStepOn`;

/**
 * A co-building project on the real services, database and Kafka: from two open needs of the Ruijin community's
 * council through every step to Closed; each step refused to whoever may not take it (FORBIDDEN) and in the wrong
 * state (PROJECT_STATE_NOT_ALLOWED); the representative's claim; member sign-ins seen through `_entities` on Member
 * and the unit's claims on Unit; the project's history from its stream.
 */
describe('co-building projects', () => {
  const topicPrefix = `${uniqueName('projects')}.`;
  let orgs: OrganizationsProcess;
  let svc: ProjectsHarness;
  const run = (caller: Caller, name: string, input: Record<string, unknown>, fields = PROJECT) =>
    svc.gql<Record<string, Record<string, unknown>>>(
      caller,
      `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${fields} } }`,
      { input },
    );
  const step = async (caller: Caller, name: string, input: Record<string, unknown>) => {
    const r = await run(caller, name, { projectId: 'p-lift', ...input });
    expect(r.errors).toBeUndefined();
    return r.data![name]!;
  };
  const refusal = async (caller: Caller, name: string, input: Record<string, unknown>) => {
    const r = await run(caller, name, { projectId: 'p-lift', ...input });
    return { code: r.errors?.[0]?.extensions?.['code'], field: r.errors?.[0]?.extensions?.['field'] ?? null };
  };

  beforeAll(async () => {
    orgs = await OrganizationsProcess.start(topicPrefix);
    svc = await ProjectsHarness.start({ topicPrefix });
    await establishCoBuildingCity(orgs);
    await eventually(async () => {
      const r = await svc.gql(RUIJIN, `mutation($i: ConveneCouncilInput!) { conveneCouncil(input: $i) { id } }`, {
        i: {
          councilId: 'c-ruijin',
          name: '瑞金社区区域化党建联席会议',
          kind: 'JointConference',
          level: 'Community',
          convenerOrganizationId: 'ruijin',
          street: 'waitan',
          community: 'ruijin',
          convenedOn: '2026-01-05',
        },
      });
      expect(r.errors).toBeUndefined();
    }, 120_000);
    await eventually(async () => {
      const r = await svc.gql(RUIJIN, `mutation($i: JoinCouncilInput!) { joinCouncil(input: $i) { id } }`, {
        i: { councilId: 'c-ruijin', unitId: 'u-tech', representativeMemberId: 'm-rep', joinedOn: '2026-01-10' },
      });
      expect(r.errors).toBeUndefined();
    }, 60_000);
    const bank = await svc.gql(RUIJIN, `mutation($i: JoinCouncilInput!) { joinCouncil(input: $i) { id } }`, {
      i: { councilId: 'c-ruijin', unitId: 'u-bank', joinedOn: '2026-01-10' },
    });
    expect(bank.errors).toBeUndefined();
    const session = await svc.gql(
      RUIJIN,
      `mutation($i: HoldCouncilSessionInput!) { holdCouncilSession(input: $i) { id } }`,
      {
        i: {
          councilId: 'c-ruijin',
          sessionId: 's-1',
          heldOn: '2026-03-01',
          attendingUnitIds: ['u-tech', 'u-bank'],
          resolutions: [{ number: 1, subject: '老旧小区加装电梯项目立项' }],
        },
      },
    );
    expect(session.errors).toBeUndefined();
    for (const needId of ['n-lift', 'n-ramp']) {
      const need = await svc.gql(RUIJIN, `mutation($i: SubmitNeedInput!) { submitNeed(input: $i) { id } }`, {
        i: {
          needId,
          councilId: 'c-ruijin',
          kind: 'Need',
          category: 'PublicServices',
          title: needId === 'n-lift' ? '加装电梯' : '无障碍坡道',
          description: '老旧小区出行不便',
          submitterKind: 'Resident',
          submittedOn: '2026-02-01',
        },
      });
      expect(need.errors).toBeUndefined();
    }
  }, 300_000);
  afterAll(async () => {
    await svc?.stop();
    await orgs?.stop();
  });

  it('takes a project from open needs through every step to Closed, refusing the wrong caller and state', async () => {
    expect(
      await refusal(XUHUI, 'proposeProject', {
        councilId: 'c-ruijin',
        title: '加装电梯',
        needIds: ['n-lift'],
        proposedOn: '2026-03-02',
      }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusal(RUIJIN, 'proposeProject', {
        councilId: 'c-ruijin',
        title: '加装电梯',
        needIds: ['n-none'],
        proposedOn: '2026-03-02',
      }),
    ).toEqual({ code: 'NEED_NOT_FOUND', field: 'needIds' });
    const proposed = await step(RUIJIN, 'proposeProject', {
      councilId: 'c-ruijin',
      title: '加装电梯',
      needIds: ['n-lift', 'n-ramp'],
      proposedOn: '2026-03-02',
    });
    expect(proposed).toMatchObject({ status: 'Proposed', category: 'PublicServices', version: 1 });
    // a retry of the same proposal completes it and appends nothing; the needs are taken up: no second project
    expect(
      await step(RUIJIN, 'proposeProject', {
        councilId: 'c-ruijin',
        title: '加装电梯',
        needIds: ['n-lift', 'n-ramp'],
        proposedOn: '2026-03-02',
      }),
    ).toMatchObject({ version: 1 });
    expect(
      await refusal(RUIJIN, 'proposeProject', {
        projectId: 'p-other',
        councilId: 'c-ruijin',
        title: '另一个',
        needIds: ['n-lift'],
        proposedOn: '2026-03-02',
      }),
    ).toEqual({ code: 'NEED_STATE_NOT_ALLOWED', field: 'needIds' });

    expect(await refusal(RUIJIN, 'startProject', { startedOn: '2026-03-03' })).toEqual({
      code: 'PROJECT_STATE_NOT_ALLOWED',
      field: 'projectId',
    });
    expect(
      await refusal(REPRESENTATIVE, 'resolveProject', { sessionId: 's-1', resolution: 1, resolvedOn: '2026-03-03' }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusal(RUIJIN, 'resolveProject', { sessionId: 's-1', resolution: 9, resolvedOn: '2026-03-03' }),
    ).toEqual({ code: 'RESOLUTION_NOT_FOUND', field: 'resolution' });
    expect(
      await step(RUIJIN, 'resolveProject', { sessionId: 's-1', resolution: 1, resolvedOn: '2026-03-03' }),
    ).toMatchObject({ status: 'Resolved' });

    expect(
      await refusal(RUIJIN, 'approveProject', { approverOrganizationId: 'waitan', approvedOn: '2026-03-04' }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusal(WAITAN, 'approveProject', { approverOrganizationId: 'b-tech', approvedOn: '2026-03-04' }),
    ).toEqual({ code: 'APPROVER_NOT_SUPERIOR', field: 'approverOrganizationId' });
    expect(
      await step(RUIJIN, 'approveProject', { approverOrganizationId: 'ruijin', approvedOn: '2026-03-04' }),
    ).toMatchObject({ status: 'Approved' });

    const claim = { unitId: 'u-tech', description: '出资并组织志愿者', claimedOn: '2026-03-05' };
    expect(await refusal(STRANGER, 'claimProject', claim)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(REPRESENTATIVE, 'claimProject', { ...claim, unitId: 'u-bank' })).toMatchObject({
      code: 'FORBIDDEN',
    });
    const claimed = await step(REPRESENTATIVE, 'claimProject', {
      ...claim,
      resources: [{ kind: 'Funds', quantity: 20000, unit: 'yuan' }],
    });
    expect(claimed).toMatchObject({
      status: 'Claimed',
      claims: [{ unit: { id: 'u-tech' }, organization: { id: 'b-tech' }, description: '出资并组织志愿者' }],
    });
    expect(await refusal(REPRESENTATIVE, 'claimProject', claim)).toEqual({
      code: 'PROJECT_ALREADY_CLAIMED_BY_UNIT',
      field: 'unitId',
    });

    expect(await refusal(REPRESENTATIVE, 'startProject', { startedOn: '2026-03-06' })).toMatchObject({
      code: 'FORBIDDEN',
    });
    await step(RUIJIN, 'startProject', { startedOn: '2026-03-06' });
    await step(REPRESENTATIVE, 'recordProjectMilestone', {
      milestoneId: 'ms-1',
      title: '方案公示',
      reachedOn: '2026-03-10',
    });
    await step(REPRESENTATIVE, 'recordProjectResourceUse', {
      unitId: 'u-tech',
      resourceKind: 'Funds',
      quantity: 5000,
      usedOn: '2026-03-11',
    });
    expect(
      await refusal(RUIJIN, 'recordProjectResourceUse', {
        unitId: 'u-bank',
        resourceKind: 'Funds',
        quantity: 1,
        usedOn: '2026-03-11',
      }),
    ).toEqual({ code: 'PROJECT_NOT_CLAIMED', field: 'unitId' });
    expect(await refusal(STRANGER, 'recordProjectSignIn', { kind: 'Volunteer', on: '2026-03-12' })).toMatchObject({
      code: 'FORBIDDEN',
    });
    await step(REPRESENTATIVE, 'recordProjectSignIn', { signInId: 'si-1', kind: 'Volunteer', on: '2026-03-12' });
    await step(REPRESENTATIVE, 'recordProjectSignIn', {
      signInId: 'si-2',
      kind: 'Member',
      memberId: 'm-vol',
      on: '2026-03-12',
    });
    expect(
      await refusal(RUIJIN, 'recordProjectSignIn', {
        signInId: 'si-3',
        kind: 'Volunteer',
        memberId: 'm-x',
        on: '2026-03-12',
      }),
    ).toEqual({ code: 'PROJECT_SIGN_IN_INVALID', field: 'memberId' });
    const completed = await step(RUIJIN, 'completeProject', { completedOn: '2026-03-20' });
    expect(completed).toMatchObject({
      status: 'Completed',
      milestones: 1,
      signIns: { volunteers: 1, members: 1, participatingMembers: 1 },
    });
    // completed: the needs it took up are served (by the completion, each once)
    await eventually(async () => {
      for (const id of ['n-lift', 'n-ramp'])
        expect(
          await svc.ok<{ need: { status: string } | null }>(RUIJIN, `query($id: ID!) { need(id: $id) { status } }`, {
            id,
          }),
        ).toEqual({
          need: { status: 'Served' },
        });
    }, 30_000);
    expect(
      await refusal(RUIJIN, 'scoreProject', {
        scores: [{ indicator: 'ImplementationPerformance', score: 90 }],
        scoredOn: '2026-03-25',
      }),
    ).toEqual({ code: 'PROJECT_SCORES_INVALID', field: 'scores' });
    expect(
      await step(RUIJIN, 'scoreProject', {
        scores: [
          { indicator: 'ImplementationPerformance', score: 90 },
          { indicator: 'FundsAndBenefit', score: 80 },
          { indicator: 'ProcessQuality', score: 70 },
        ],
        scoredOn: '2026-03-25',
      }),
    ).toMatchObject({ status: 'Evaluated', score: 81 });
    expect(await refusal(REPRESENTATIVE, 'closeProject', { closedOn: '2026-03-30' })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await step(HUANGPU, 'closeProject', { closedOn: '2026-03-30' })).toMatchObject({ status: 'Closed' });
    // a completion retried on a project completed already answers it (serving any need left), appending nothing
    expect(await step(RUIJIN, 'completeProject', { completedOn: '2026-03-20' })).toMatchObject({ status: 'Closed' });
  });

  it('shows the project, its history, the unit’s claims and the member’s sign-ins to those who may see them', async () => {
    const read = async (caller: Caller) =>
      (await svc.ok<{ project: { id: string } | null }>(caller, `query { project(id: "p-lift") { id } }`)).project;
    expect(await read(REPRESENTATIVE)).toEqual({ id: 'p-lift' });
    expect(await read(XUHUI)).toBeNull();
    expect(await read(STRANGER)).toBeNull();
    const council = await svc.ok<{ council: { projects: { edges: Array<{ node: { id: string } }> } } }>(
      RUIJIN,
      `query { council(id: "c-ruijin") { projects(status: Closed) { edges { node { id } } } } }`,
    );
    expect(council.council.projects.edges.map((e) => e.node.id)).toEqual(['p-lift']);
    const listed = await svc.ok<{ projects: { totalCount: number } }>(
      HUANGPU,
      `query { projects(district: "huangpu") { totalCount } }`,
    );
    expect(listed.projects.totalCount).toBe(1);

    const history = await svc.ok<{
      project: { history: Array<{ type: string; on: string; actor: string | null; detail: string }> };
    }>(RUIJIN, `query { project(id: "p-lift") { history { type on actor detail } } }`);
    expect(history.project.history.map((h) => h.type)).toEqual([
      'ProjectProposed',
      'ProjectResolved',
      'ProjectApproved',
      'ProjectClaimed',
      'ProjectStarted',
      'MilestoneReached',
      'ProjectResourceUsed',
      'ProjectSignedIn',
      'ProjectSignedIn',
      'ProjectCompleted',
      'ProjectScored',
      'ProjectClosed',
    ]);
    expect(JSON.stringify(history)).not.toContain('m-vol');
    const asRepresentative = await svc.ok<{ project: { history: Array<{ actor: string | null }> } }>(
      REPRESENTATIVE,
      `query { project(id: "p-lift") { history { actor } } }`,
    );
    expect(asRepresentative.project.history.every((h) => h.actor === null)).toBe(true);

    const member = async (caller: Caller) =>
      (
        await svc.ok<{
          _entities: Array<{ projectSignIns: Array<{ signInId: string; on: string; project: { id: string } }> }>;
        }>(
          caller,
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { projectSignIns { signInId on project { id } } } } }`,
          { r: [{ __typename: 'Member', id: 'm-vol' }] },
        )
      )._entities[0]!.projectSignIns;
    expect(await member(VOLUNTEER_MEMBER)).toEqual([{ signInId: 'si-2', on: '2026-03-12', project: { id: 'p-lift' } }]);
    expect(await member(RUIJIN)).toHaveLength(1);
    expect(await member(STRANGER)).toEqual([]);
    expect(await member(XUHUI)).toEqual([]);

    const claims = await svc.ok<{ _entities: Array<{ claims: Array<{ id: string; status: string }> }> }>(
      HUANGPU,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Unit { claims { id status } } } }`,
      {
        r: [
          { __typename: 'Unit', id: 'u-tech' },
          { __typename: 'Unit', id: 'u-bank' },
        ],
      },
    );
    expect(claims._entities.map((e) => e.claims)).toEqual([[{ id: 'p-lift', status: 'Closed' }], []]);
    const hidden = await svc.ok<{ _entities: Array<{ claims: unknown[] }> }>(
      XUHUI,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Unit { claims { id } } } }`,
      { r: [{ __typename: 'Unit', id: 'u-tech' }] },
    );
    expect(hidden._entities[0]!.claims).toEqual([]);
  });

  /** Needs submitted to the Ruijin council for one test (staff, residents' needs). */
  const submitNeeds = async (needIds: readonly string[]) => {
    for (const needId of needIds) {
      const need = await svc.gql(RUIJIN, `mutation($i: SubmitNeedInput!) { submitNeed(input: $i) { id } }`, {
        i: {
          needId,
          councilId: 'c-ruijin',
          kind: 'Need',
          category: 'PublicServices',
          title: needId,
          description: '楼道照明不足',
          submitterKind: 'Resident',
          submittedOn: '2026-04-01',
        },
      });
      expect(need.errors).toBeUndefined();
    }
  };
  const needOf = async (id: string) =>
    (
      await svc.ok<{ need: { status: string; projectId: string | null } | null }>(
        RUIJIN,
        `query($id: ID!) { need(id: $id) { status projectId } }`,
        { id },
      )
    ).need;
  /** How many commits the project's stream has in the event store (0: no project). */
  const projectCommits = async (projectId: string) => {
    const client = new MongoClient(requireEnv('MONGODB_URI'));
    await client.connect();
    try {
      return await client
        .db(svc.database)
        .collection('projects_commits')
        .countDocuments({ streamId: projectsStreamId('project', projectId) });
    } finally {
      await client.close();
    }
  };

  it('gives a need two proposals race for to exactly one: the other is refused and holds no project and no need', async () => {
    // each proposal's own need sorts before the shared one: each takes its own up first, then they race for n-race-z
    await submitNeeds(['n-race-a', 'n-race-b', 'n-race-z']);
    const propose = (projectId: string, own: string) =>
      run(RUIJIN, 'proposeProject', {
        projectId,
        councilId: 'c-ruijin',
        title: `楼道照明 ${projectId}`,
        needIds: ['n-race-z', own],
        proposedOn: '2026-04-02',
      });
    const [a, b] = await Promise.all([propose('p-race-a', 'n-race-a'), propose('p-race-b', 'n-race-b')]);
    const outcomes = [
      { projectId: 'p-race-a', own: 'n-race-a', r: a },
      { projectId: 'p-race-b', own: 'n-race-b', r: b },
    ];
    const won = outcomes.filter((o) => !o.r.errors);
    const lost = outcomes.filter((o) => o.r.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = won[0]!;
    const loser = lost[0]!;
    expect(winner.r.data!['proposeProject']).toMatchObject({ id: winner.projectId, status: 'Proposed' });
    expect(loser.r.errors![0]!.extensions).toMatchObject({ code: 'NEED_STATE_NOT_ALLOWED', field: 'needIds' });
    expect(await projectCommits(winner.projectId)).toBe(1);
    expect(await projectCommits(loser.projectId)).toBe(0);
    await eventually(async () => {
      expect(await needOf('n-race-z')).toEqual({ status: 'TakenUp', projectId: winner.projectId });
      expect(await needOf(winner.own)).toEqual({ status: 'TakenUp', projectId: winner.projectId });
      // the need the refused proposal took up before the race was lost is released: open again
      expect(await needOf(loser.own)).toEqual({ status: 'Open', projectId: null });
    }, 30_000);
    // its retry is refused the same way and leaves nothing behind; its own need makes another project
    expect(
      await refusal(RUIJIN, 'proposeProject', {
        projectId: loser.projectId,
        councilId: 'c-ruijin',
        title: '楼道照明',
        needIds: ['n-race-z', loser.own],
        proposedOn: '2026-04-02',
      }),
    ).toEqual({ code: 'NEED_STATE_NOT_ALLOWED', field: 'needIds' });
    expect(await projectCommits(loser.projectId)).toBe(0);
    expect(
      await step(RUIJIN, 'proposeProject', {
        projectId: loser.projectId,
        councilId: 'c-ruijin',
        title: '楼道照明',
        needIds: [loser.own],
        proposedOn: '2026-04-03',
      }),
    ).toMatchObject({ id: loser.projectId, status: 'Proposed', needIds: [loser.own] });
    await eventually(async () => {
      expect(await needOf(loser.own)).toEqual({ status: 'TakenUp', projectId: loser.projectId });
    }, 30_000);
  });

  it("lets a unit use up its own offered resource only, of the use's kind, once per command however often it is sent", async () => {
    await submitNeeds(['n-res']);
    const go = (caller: Caller, name: string, input: Record<string, unknown>) =>
      step(caller, name, { projectId: 'p-res', ...input });
    await go(RUIJIN, 'proposeProject', {
      councilId: 'c-ruijin',
      title: '楼道照明改造',
      needIds: ['n-res'],
      proposedOn: '2026-04-05',
    });
    await go(RUIJIN, 'resolveProject', { sessionId: 's-1', resolution: 1, resolvedOn: '2026-04-05' });
    await go(RUIJIN, 'approveProject', { approverOrganizationId: 'ruijin', approvedOn: '2026-04-06' });
    await go(REPRESENTATIVE, 'claimProject', { unitId: 'u-tech', description: '出资改造', claimedOn: '2026-04-06' });
    await go(RUIJIN, 'startProject', { startedOn: '2026-04-07' });
    for (const [resourceId, unitId, kind, quantity] of [
      ['r-tech-funds', 'u-tech', 'Funds', 10000],
      ['r-tech-hall', 'u-tech', 'Venue', 1],
      ['r-bank-funds', 'u-bank', 'Funds', 50000],
    ] as const) {
      const offered = await run(
        RUIJIN,
        'offerResource',
        {
          resourceId,
          councilId: 'c-ruijin',
          unitId,
          kind,
          title: resourceId,
          quantity,
          measure: kind === 'Funds' ? '元' : '处',
          categories: ['PublicServices'],
          availableFrom: '2026-01-01',
          offeredOn: '2026-04-01',
        },
        'id',
      );
      expect(offered.errors).toBeUndefined();
    }
    const use = { projectId: 'p-res', unitId: 'u-tech', resourceKind: 'Funds', quantity: 3000, usedOn: '2026-04-08' };
    // the claiming unit's representative may not use up another unit's resource, nor its own of another kind
    expect(await refusal(REPRESENTATIVE, 'recordProjectResourceUse', { ...use, resourceId: 'r-bank-funds' })).toEqual({
      code: 'RESOURCE_NOT_OF_UNIT',
      field: 'resourceId',
    });
    expect(await refusal(REPRESENTATIVE, 'recordProjectResourceUse', { ...use, resourceId: 'r-tech-hall' })).toEqual({
      code: 'RESOURCE_INVALID',
      field: 'resourceKind',
    });
    // its own, sent twice with the same command id: committed and used once
    const commandId = randomUUID();
    const first = await go(REPRESENTATIVE, 'recordProjectResourceUse', {
      ...use,
      resourceId: 'r-tech-funds',
      commandId,
    });
    const again = await go(REPRESENTATIVE, 'recordProjectResourceUse', {
      ...use,
      resourceId: 'r-tech-funds',
      commandId,
    });
    expect(again['version']).toBe(first['version']);
    const resource = (id: string) =>
      svc.ok<{ resource: { remaining: number; commitments: Array<{ projectId: string; quantity: number }> } }>(
        RUIJIN,
        `query($id: ID!) { resource(id: $id) { remaining commitments { projectId quantity } } }`,
        { id },
      );
    await eventually(async () => {
      expect((await resource('r-tech-funds')).resource).toEqual({
        remaining: 7000,
        commitments: [{ projectId: 'p-res', quantity: 3000 }],
      });
    }, 30_000);
    expect((await resource('r-bank-funds')).resource).toEqual({ remaining: 50000, commitments: [] });
    expect((await resource('r-tech-hall')).resource).toEqual({ remaining: 1, commitments: [] });
    const client = new MongoClient(requireEnv('MONGODB_URI'));
    await client.connect();
    try {
      const commits = client.db(svc.database).collection('projects_commits');
      expect(await commits.countDocuments({ streamId: projectsStreamId('resource', 'r-tech-funds') })).toBe(2);
      expect(await commits.countDocuments({ streamId: projectsStreamId('resource', 'r-bank-funds') })).toBe(1);
    } finally {
      await client.close();
    }
  });
});
