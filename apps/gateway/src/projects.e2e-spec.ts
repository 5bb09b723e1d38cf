import { randomBytes } from 'node:crypto';
import { type Caller, signUserToken } from '@lianjian/auth';
import {
  PersonalDataSent,
  ServiceProcess,
  eventually,
  freePort,
  requireEnv,
  scanServiceLogs,
  testCaller,
  uniqueName,
} from '@lianjian/testing';

const JWT = { issuer: 'lianjian', audience: 'lianjian-api', secret: 'e2e-projects-user-secret' };
const SUBGRAPH_SECRET = 'e2e-projects-subgraph-secret';
const TODAY = '2026-11-22';

interface Result<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/**
 * A regional co-building project (issue 13) from a resident's need to its rating, end to end through the gateway
 * (Hive Router) over the three subgraphs, each role doing its part: the Waitan street's admin convenes the Ruijin
 * community's joint council and the units join; a resident's need is submitted, seen beside a unit's resource,
 * proposed as a project, resolved by a session's resolution, approved by the Ruijin community committee's admin,
 * claimed by a unit's representative (a party member), started, the member signs in, completed and scored; a resident
 * rates it through the projects service's public endpoint (`/public/graphql`) with the project's rating link, the
 * same person's second rating refused; the district's satisfaction and ranking include it; `Organization.councils`,
 * `Unit.claims` and `Member.projectSignIns` resolved across the subgraphs in one query. The public path opens one
 * project's rating form and nothing else; Xuhui's district admin sees none of it.
 */
describe('a co-building project from need to rating through the gateway, each role doing its part', () => {
  const topicPrefix = `${uniqueName('e2epj')}.`;
  let organizations: ServiceProcess;
  let members: ServiceProcess;
  let projects: ServiceProcess;
  let gateway: ServiceProcess;
  let gatewayUrl: string;
  let publicUrl: string;
  const sent = new PersonalDataSent();

  const CITY = testCaller('CITY_ADMIN');
  const WAITAN = testCaller('ORGANIZATION_ADMIN', { organizationId: 'waitan' });
  const RUIJIN = testCaller('ORGANIZATION_ADMIN', { organizationId: 'ruijin' });
  const XUHUI = testCaller('DISTRICT_ADMIN', { district: 'xuhui' });
  const READER = testCaller('ANALYTICS_READER');
  let REPRESENTATIVE: Caller;
  let memberId: string;

  const RESIDENT_NAME = '居民王阿姨';
  const RESIDENT_PHONE = '13912345678';
  const RATER_PHONE = '13787654321';

  const tokens = new Map<Caller, string>();
  const call = async <T = Record<string, unknown>>(
    who: Caller,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Result<T>> => {
    sent.recordQuery(query);
    sent.record(variables);
    if (!tokens.has(who)) tokens.set(who, await signUserToken(who, JWT));
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(who)}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Result<T>;
  };
  const ok = async <T = Record<string, unknown>>(
    who: Caller,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> => {
    const result = await call<T>(who, query, variables);
    if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
    return result.data as T;
  };
  const mutate = <T = Record<string, unknown>>(who: Caller, name: string, input: object, fields = 'id') =>
    ok<Record<string, T>>(
      who,
      `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${fields} } }`,
      { input },
    ).then((d) => d[name]!);
  const codeOf = (result: Result<unknown>) => result.errors?.[0]?.extensions?.['code'];
  /** The public endpoint: no token, only what a project's link opens. */
  const publicCall = async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Result<T> & { status: number }> => {
    const response = await fetch(publicUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    try {
      return { status: response.status, ...(JSON.parse(text) as Result<T>) };
    } catch {
      return { status: response.status, errors: [{ message: text }] };
    }
  };

  beforeAll(async () => {
    const [orgPort, memberPort, projectsPort, gwPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const common = {
      HOST: '127.0.0.1',
      MONGODB_URI: requireEnv('MONGODB_URI'),
      KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'),
      TOPIC_PREFIX: topicPrefix,
      GATEWAY_SUBGRAPH_SECRET: SUBGRAPH_SECRET,
      LIANJIAN_TODAY: TODAY,
    };
    [organizations, members, projects] = await Promise.all([
      ServiceProcess.start(
        'apps/organizations/src/main.ts',
        { ...common, PORT: String(orgPort), MONGODB_DATABASE: uniqueName('e2epj-o') },
        `http://127.0.0.1:${orgPort}/health`,
      ),
      ServiceProcess.start(
        'apps/members/src/main.ts',
        {
          ...common,
          PORT: String(memberPort),
          MONGODB_DATABASE: uniqueName('e2epj-m'),
          MEMBERS_MASTER_KEY: randomBytes(32).toString('base64'),
        },
        `http://127.0.0.1:${memberPort}/health`,
      ),
      ServiceProcess.start(
        'apps/projects/src/main.ts',
        {
          ...common,
          PORT: String(projectsPort),
          MONGODB_DATABASE: uniqueName('e2epj-p'),
          PROJECTS_MASTER_KEY: randomBytes(32).toString('base64'),
        },
        `http://127.0.0.1:${projectsPort}/health`,
      ),
    ]);
    publicUrl = `http://127.0.0.1:${projectsPort}/public/graphql`;
    gatewayUrl = `http://127.0.0.1:${gwPort}/graphql`;
    gateway = await ServiceProcess.start(
      'apps/gateway/src/main.ts',
      {
        PORT: String(gwPort),
        HOST: '127.0.0.1',
        GATEWAY_MODE: 'development', // the operations below are sent as text
        SUBGRAPH_URL_ORGANIZATIONS: `http://127.0.0.1:${orgPort}/graphql`,
        SUBGRAPH_URL_MEMBERS: `http://127.0.0.1:${memberPort}/graphql`,
        SUBGRAPH_URL_PROJECTS: `http://127.0.0.1:${projectsPort}/graphql`,
        GATEWAY_SUBGRAPH_SECRET: SUBGRAPH_SECRET,
        JWT_SECRET: JWT.secret,
        JWT_ISSUER: JWT.issuer,
        JWT_AUDIENCE: JWT.audience,
      },
      `http://127.0.0.1:${gwPort}/readiness`,
    );

    // the city's part of the organizations service: Huangpu, the Waitan street, the Ruijin community, a firm's
    // branch covering it, two units of the community; Xuhui outside
    const region = (district: string | null, street: string | null = null, community: string | null = null) => ({
      district,
      street,
      community,
    });
    const establish = (organizationId: string, organizationType: string, parentId: string | null, r: object) =>
      ok(CITY, 'mutation($input: EstablishOrganizationInput!) { establishOrganization(input: $input) { id } }', {
        input: {
          organizationId,
          name: `${organizationId} 党组织`,
          organizationType,
          parentId,
          region: r,
          establishedOn: '2020-01-01',
          documentNumber: '沪委〔2020〕1号',
        },
      });
    await establish('city', 'Committee', null, region(null));
    await establish('huangpu', 'Committee', 'city', region('huangpu'));
    await establish('xuhui', 'Committee', 'city', region('xuhui'));
    await establish('waitan', 'WorkingCommittee', 'huangpu', region('huangpu', 'waitan'));
    await establish('ruijin', 'Committee', 'waitan', region('huangpu', 'waitan', 'ruijin'));
    await establish('b-tech', 'JointBranch', 'waitan', region('huangpu', 'waitan'));
    for (const [unitId, name, kind] of [
      ['u-tech', '外滩科技有限公司', 'Enterprise'],
      ['u-bank', '外滩银行', 'StateOwnedEnterprise'],
    ] as const)
      await ok(CITY, 'mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }', {
        input: {
          unitId,
          name,
          kind,
          industry: '服务',
          employees: 80,
          aboveScale: true,
          region: region('huangpu', 'waitan', 'ruijin'),
        },
      });
    await ok(CITY, 'mutation($input: CoverUnitsInput!) { coverUnits(input: $input) { id } }', {
      input: { organizationId: 'b-tech', unitIds: ['u-tech'] },
    });
    // the firm's representative: a party member of its branch (once the members service has learnt the branch)
    memberId = await eventually(
      async () =>
        (
          await ok<{ registerMember: { id: string } }>(
            CITY,
            'mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }',
            {
              input: {
                organizationId: 'b-tech',
                name: '共建代表党员',
                idNumber: '310101198501013573',
                ethnicity: '汉族',
                education: '大学',
                category: 'Employed',
                monthlyIncome: 8000,
                joinedOn: '2010-07-01',
                fullMembershipOn: '2011-07-01',
              },
            },
          )
        ).registerMember.id,
      60_000,
      300,
    );
    REPRESENTATIVE = testCaller('MEMBER', { memberId, organizationId: 'b-tech' });
  }, 300_000);

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([organizations?.stop(), members?.stop(), projects?.stop()]);
  });

  let needId: string;
  let resourceId: string;
  let projectId: string;

  it('convenes the community’s council (the street’s admin) and lets the units join with their representative', async () => {
    // once the projects service has learnt the tree from the organizations service's events
    const council = await eventually(
      () =>
        mutate<{ id: string; region: unknown }>(
          WAITAN,
          'conveneCouncil',
          {
            councilId: 'c-ruijin',
            name: '瑞金社区区域化党建联席会议',
            kind: 'JointConference',
            level: 'Community',
            convenerOrganizationId: 'ruijin',
            street: 'waitan',
            community: 'ruijin',
            convenedOn: '2026-03-01',
          },
          'id region { district street community }',
        ),
      120_000,
      300,
    );
    expect(council).toEqual({
      id: 'c-ruijin',
      region: { district: 'huangpu', street: 'waitan', community: 'ruijin' },
    });
    const joined = await eventually(
      () =>
        mutate<{ memberUnits: unknown[] }>(
          WAITAN,
          'joinCouncil',
          { councilId: 'c-ruijin', unitId: 'u-tech', representativeMemberId: memberId, joinedOn: '2026-03-02' },
          'memberUnits { unit { id } organization { id } representative { id } }',
        ),
      120_000,
      300,
    );
    expect(joined.memberUnits).toEqual([
      { unit: { id: 'u-tech' }, organization: { id: 'b-tech' }, representative: { id: memberId } },
    ]);
    await eventually(
      () => mutate(WAITAN, 'joinCouncil', { councilId: 'c-ruijin', unitId: 'u-bank', joinedOn: '2026-03-02' }),
      60_000,
      300,
    );
    // Xuhui's district admin neither sees nor changes it
    expect((await ok<{ council: null }>(XUHUI, '{ council(id: "c-ruijin") { id } }')).council).toBeNull();
    expect(
      codeOf(
        await call(XUHUI, 'mutation($input: LeaveCouncilInput!) { leaveCouncil(input: $input) { id } }', {
          input: { councilId: 'c-ruijin', unitId: 'u-bank', leftOn: '2026-03-03' },
        }),
      ),
    ).toBe('FORBIDDEN');
  });

  it('takes a resident’s need and a unit’s resource, and shows them side by side', async () => {
    const need = await mutate<{ id: string; status: string; hasContact: boolean }>(
      WAITAN,
      'submitNeed',
      {
        councilId: 'c-ruijin',
        kind: 'Need',
        category: 'PublicServices',
        title: '老旧小区加装电梯',
        description: '瑞金二路小区老人上下楼困难',
        place: '瑞金二路',
        submitterKind: 'Resident',
        contact: { name: RESIDENT_NAME, phone: RESIDENT_PHONE },
        submittedOn: '2026-04-01',
      },
      'id status hasContact',
    );
    needId = need.id;
    expect(need).toMatchObject({ status: 'Open', hasContact: true });
    // the unit's representative offers what the firm can give
    const resource = await mutate<{ id: string }>(REPRESENTATIVE, 'offerResource', {
      councilId: 'c-ruijin',
      unitId: 'u-tech',
      kind: 'Funds',
      title: '共建资金',
      categories: ['PublicServices'],
      quantity: 100_000,
      measure: '元',
      offeredOn: '2026-04-02',
      availableFrom: '2026-04-02',
    });
    resourceId = resource.id;
    const seen = await ok<{
      council: { matches: Array<{ need: { id: string }; resources: Array<{ resource: { id: string } }> }> };
    }>(WAITAN, '{ council(id: "c-ruijin") { matches { need { id } resources { resource { id } } } } }');
    expect(seen.council.matches).toEqual([{ need: { id: needId }, resources: [{ resource: { id: resourceId } }] }]);
  });

  it('proposes, resolves, approves, claims, starts, signs in, completes and scores the project, each by its role', async () => {
    const proposed = await mutate<{ id: string; status: string }>(
      WAITAN,
      'proposeProject',
      { councilId: 'c-ruijin', title: '瑞金二路加装电梯', needIds: [needId], proposedOn: '2026-04-10' },
      'id status',
    );
    projectId = proposed.id;
    expect(proposed.status).toBe('Proposed');
    await mutate(WAITAN, 'holdCouncilSession', {
      councilId: 'c-ruijin',
      sessionId: 's-1',
      heldOn: '2026-04-15',
      attendingUnitIds: ['u-tech', 'u-bank'],
      resolutions: [{ number: 1, subject: '瑞金二路加装电梯项目立项' }],
    });
    expect(
      (
        await mutate<{ status: string }>(
          WAITAN,
          'resolveProject',
          { projectId, sessionId: 's-1', resolution: 1, resolvedOn: '2026-04-15' },
          'status',
        )
      ).status,
    ).toBe('Resolved');
    // the unit's representative cannot approve; the community committee's admin does
    expect(
      codeOf(
        await call(REPRESENTATIVE, 'mutation($input: ApproveProjectInput!) { approveProject(input: $input) { id } }', {
          input: { projectId, approverOrganizationId: 'ruijin', approvedOn: '2026-04-20' },
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      (
        await mutate<{ status: string }>(
          RUIJIN,
          'approveProject',
          { projectId, approverOrganizationId: 'ruijin', approvedOn: '2026-04-20' },
          'status',
        )
      ).status,
    ).toBe('Approved');
    expect(
      (
        await mutate<{ status: string }>(
          REPRESENTATIVE,
          'claimProject',
          {
            projectId,
            unitId: 'u-tech',
            resources: [{ kind: 'Funds', quantity: 50_000, unit: '元' }],
            description: '出资并组织志愿者',
            claimedOn: '2026-04-25',
          },
          'status',
        )
      ).status,
    ).toBe('Claimed');
    expect(
      (await mutate<{ status: string }>(WAITAN, 'startProject', { projectId, startedOn: '2026-05-01' }, 'status'))
        .status,
    ).toBe('InProgress');
    await mutate(REPRESENTATIVE, 'recordProjectSignIn', {
      projectId,
      kind: 'Member',
      memberId,
      on: '2026-05-10',
    });
    expect(
      (await mutate<{ status: string }>(WAITAN, 'completeProject', { projectId, completedOn: '2026-06-30' }, 'status'))
        .status,
    ).toBe('Completed');
    await mutate(WAITAN, 'scoreProject', {
      projectId,
      scores: [
        { indicator: 'ImplementationPerformance', score: 90 },
        { indicator: 'FundsAndBenefit', score: 85 },
        { indicator: 'ProcessQuality', score: 88 },
      ],
      scoredOn: '2026-07-05',
    });
    // the need it took up says so to its submitter
    const need = await ok<{ need: { status: string; projectId: string } }>(
      WAITAN,
      `{ need(id: "${needId}") { status projectId } }`,
    );
    expect(need.need).toEqual({ status: 'Served', projectId });
  });

  it('takes a resident’s rating through the public path once, the same person’s second refused, and nothing else there', async () => {
    const link = await ok<{ projectRatingLink: { code: string; path: string } }>(
      WAITAN,
      'mutation($projectId: ID!) { projectRatingLink(projectId: $projectId) { code path } }',
      { projectId },
    );
    const code = link.projectRatingLink.code;
    expect(link.projectRatingLink.path).toBe(`/public/rate?l=${code}`);
    // the representative (not the council's admin) issues no link
    expect(
      codeOf(
        await call(REPRESENTATIVE, 'mutation($projectId: ID!) { projectRatingLink(projectId: $projectId) { code } }', {
          projectId,
        }),
      ),
    ).toBe('FORBIDDEN');
    const form = await publicCall<{ ratingForm: { title: string; open: boolean } }>(
      'query($link: String!) { ratingForm(link: $link) { title councilName levels open } }',
      { link: code },
    );
    expect(form.errors).toBeUndefined();
    expect(form.data!.ratingForm).toMatchObject({ title: '瑞金二路加装电梯', open: true });
    sent.values.add(RATER_PHONE);
    const rate = () =>
      publicCall<{ rateProject: { level: string; comment: string | null } }>(
        'mutation($input: RateProjectInput!) { rateProject(input: $input) { level comment } }',
        {
          input: {
            link: code,
            contact: RATER_PHONE,
            level: 'VerySatisfied',
            comment: `电梯很好用，联系我${RATER_PHONE}`,
          },
        },
      );
    const first = await rate();
    expect(first.errors).toBeUndefined();
    expect(first.data!.rateProject.level).toBe('VerySatisfied');
    expect(first.data!.rateProject.comment).not.toContain(RATER_PHONE);
    const second = await rate();
    expect(codeOf(second)).toBe('PROJECT_ALREADY_RATED');

    // the public path opens one project's rating form and nothing else
    for (const query of [
      '{ council(id: "c-ruijin") { id } }',
      `{ project(id: "${projectId}") { id } }`,
      '{ satisfaction(district: "huangpu") { ratings } }',
    ]) {
      const answer = await publicCall(query);
      expect({ query, refused: Boolean(answer.errors?.length) && !answer.data }).toEqual({ query, refused: true });
    }
    expect((await publicCall('query { ratingForm(link: "forged-link") { title } }')).errors?.length).toBeGreaterThan(0);
    // its schema is the public forms' and nothing of the service's graph
    const schema = await publicCall<{
      __schema: { queryType: { fields: Array<{ name: string }> }; mutationType: { fields: Array<{ name: string }> } };
    }>('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
    expect(schema.data!.__schema.queryType.fields.map((f) => f.name).sort()).toEqual([
      'needForm',
      'needReceipt',
      'ratingForm',
    ]);
    expect(schema.data!.__schema.mutationType.fields.map((f) => f.name).sort()).toEqual(['rateProject', 'submitNeed']);
  });

  it('counts the rating in the district’s satisfaction and ranking, and resolves councils, claims and sign-ins across the subgraphs', async () => {
    await eventually(async () => {
      const seen = await ok<{
        satisfaction: { ratings: number; rate: number };
        satisfactionRanking: { edges: Array<{ node: { projectId: string; ratings: number } }> };
      }>(
        READER,
        '{ satisfaction(district: "huangpu") { ratings rate } satisfactionRanking(district: "huangpu") { edges { node { projectId ratings rank } } } }',
      );
      expect(seen.satisfaction).toEqual({ ratings: 1, rate: 1 });
      expect(seen.satisfactionRanking.edges.map((e) => e.node)).toEqual([{ projectId, ratings: 1, rank: 1 }]);
    }, 60_000);
    expect(codeOf(await call(XUHUI, '{ satisfaction(district: "huangpu") { ratings } }'))).toBe('FORBIDDEN');

    // one query: the organizations service's organization and unit, the members service's member, each extended by
    // the projects service
    const across = await ok<{
      organization: { id: string; councils: Array<{ id: string }> };
      unit: { id: string; claims: Array<{ id: string }> };
      member: { id: string; projectSignIns: Array<{ project: { id: string }; on: string }> };
    }>(
      WAITAN,
      `query($memberId: ID!) {
        organization(id: "ruijin") { id councils { id } }
        unit(id: "u-tech") { id claims { id } }
        member(id: $memberId) { id projectSignIns { project { id } on } }
      }`,
      { memberId },
    );
    expect(across.organization).toEqual({ id: 'ruijin', councils: [{ id: 'c-ruijin' }] });
    expect(across.unit).toEqual({ id: 'u-tech', claims: [{ id: projectId }] });
    expect(across.member).toEqual({ id: memberId, projectSignIns: [{ project: { id: projectId }, on: '2026-05-10' }] });
  });

  it('wrote no personal data the test sent in clear to any service’s log', async () => {
    sent.values.add(RESIDENT_NAME);
    sent.values.add(RESIDENT_PHONE);
    const scan = await scanServiceLogs(sent.values);
    expect(scan.lines).toBeGreaterThan(0);
    expect(scan.leaks).toEqual([]);
  });
});
