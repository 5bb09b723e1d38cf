import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer, request } from 'node:http';
import { maskName } from '@lianjian/contracts';
import { type Caller, signUserToken } from '@lianjian/auth';
import { cardNumberFrom, checkDigitOf } from '@lianjian/members-domain';
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

const JWT = { issuer: 'lianjian', audience: 'lianjian-api', secret: 'e2e-members-user-secret' };
const SUBGRAPH_SECRET = 'e2e-members-subgraph-secret';
const HEADER =
  '姓名,性别,民族,公民身份号码,手机号码,学历,人员类别,申请入党日期,确定积极分子日期,确定发展对象日期,入党日期,转正日期,党籍状态,所在党组织编号,工作单位编号,月收入,党内职务';
const citizenId = (i: number) => {
  const body = `310101${1960 + Math.floor(i / 400)}0101${String((i % 400) * 2 + 1).padStart(3, '0')}`;
  return `${body}${checkDigitOf(body)}`;
};

interface Result<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** A pass-through proxy in front of a subgraph that counts the requests the gateway sends it. */
function countingProxy(
  target: string,
): Promise<{ url: string; server: Server; calls: () => number; reset: () => void }> {
  let calls = 0;
  const upstream = new URL(target);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    calls += 1;
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: upstream.pathname,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        url: `http://127.0.0.1:${port}/graphql`,
        server,
        calls: () => calls,
        reset: () => {
          calls = 0;
        },
      });
    }),
  );
}

describe('members and organizations through the gateway', () => {
  const topicPrefix = `${uniqueName('e2em')}.`;
  let organizations: ServiceProcess;
  let members: ServiceProcess;
  let gateway: ServiceProcess;
  let proxy: Awaited<ReturnType<typeof countingProxy>>;
  let gatewayUrl: string;
  const CITY = testCaller('CITY_ADMIN');
  const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });
  const XUHUI = testCaller('DISTRICT_ADMIN', { district: 'xuhui' });

  /** The names, ID numbers, phones and reasons sent through the gateway: no log line of any process may carry one. */
  const sent = new PersonalDataSent();
  const call = async <T = Record<string, unknown>>(
    who: Caller,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Result<T>> => {
    sent.recordQuery(query);
    sent.record(variables);
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await signUserToken(who, JWT)}` },
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
  const code = (result: Result<unknown>) => result.errors?.[0]?.extensions?.['code'];

  beforeAll(async () => {
    const [orgPort, memberPort, gwPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const common = {
      HOST: '127.0.0.1',
      MONGODB_URI: requireEnv('MONGODB_URI'),
      KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'),
      TOPIC_PREFIX: topicPrefix,
      GATEWAY_SUBGRAPH_SECRET: SUBGRAPH_SECRET,
      LIANJIAN_TODAY: '2026-11-22',
    };
    [organizations, members] = await Promise.all([
      ServiceProcess.start(
        'apps/organizations/src/main.ts',
        { ...common, PORT: String(orgPort), MONGODB_DATABASE: uniqueName('e2eo') },
        `http://127.0.0.1:${orgPort}/health`,
      ),
      ServiceProcess.start(
        'apps/members/src/main.ts',
        {
          ...common,
          PORT: String(memberPort),
          MONGODB_DATABASE: uniqueName('e2em'),
          MEMBERS_MASTER_KEY: randomBytes(32).toString('base64'),
        },
        `http://127.0.0.1:${memberPort}/health`,
      ),
    ]);
    proxy = await countingProxy(`http://127.0.0.1:${orgPort}/graphql`);
    gatewayUrl = `http://127.0.0.1:${gwPort}/graphql`;
    gateway = await ServiceProcess.start(
      'apps/gateway/src/main.ts',
      {
        PORT: String(gwPort),
        HOST: '127.0.0.1',
        GATEWAY_MODE: 'development', // the operations below are sent as text
        SUBGRAPH_URL_ORGANIZATIONS: proxy.url,
        SUBGRAPH_URL_MEMBERS: `http://127.0.0.1:${memberPort}/graphql`,
        GATEWAY_SUBGRAPH_SECRET: SUBGRAPH_SECRET,
        JWT_SECRET: JWT.secret,
        JWT_ISSUER: JWT.issuer,
        JWT_AUDIENCE: JWT.audience,
      },
      `http://127.0.0.1:${gwPort}/readiness`,
    );

    const establish = (
      organizationId: string,
      name: string,
      organizationType: string,
      parentId: string | null,
      district: string | null,
    ) =>
      ok(CITY, `mutation($input: EstablishOrganizationInput!) { establishOrganization(input: $input) { id } }`, {
        input: {
          organizationId,
          name,
          organizationType,
          parentId,
          region: { district, street: null, community: null },
          establishedOn: '2000-01-01',
          documentNumber: '1号',
        },
      });
    await establish('city', '市委', 'Committee', null, null);
    await establish('huangpu', '黄浦区委', 'Committee', 'city', 'huangpu');
    await establish('xuhui', '徐汇区委', 'Committee', 'city', 'xuhui');
    for (let b = 0; b < 4; b += 1) await establish(`b-${b}`, `第${b + 1}党支部`, 'JointBranch', 'huangpu', 'huangpu');
    await establish('xh-1', '徐汇支部', 'JointBranch', 'xuhui', 'xuhui');
    // 120 members over four branches, through the gateway's import; one in Xuhui by its own admin
    const rows = Array.from(
      { length: 120 },
      (_, i) =>
        `党员${i},男,汉族,${citizenId(i)},1380000${String(1000 + i)},大学,在职,,,,2010-07-01,2011-07-01,正常,b-${i % 4},,5000,`,
    );
    // the members service learns the branches from the organizations' events: wait for all four, then import once
    // (a file is imported once: sending it again returns the first report)
    for (let b = 0; b < 4; b += 1) {
      await eventually(
        async () =>
          expect(code(await call(HUANGPU, `{ members(organizationId: "b-${b}") { totalCount } }`))).toBeUndefined(),
        60_000,
        200,
      );
    }
    const report = await ok<{ importMembers: { imported: number; failed: number; errors: Array<{ reason: string }> } }>(
      HUANGPU,
      `mutation($input: ImportMembersInput!) { importMembers(input: $input) { imported failed errors { reason } } }`,
      { input: { fileName: 'e2e.csv', content: [HEADER, ...rows].join('\n') } },
    );
    expect(report.importMembers).toMatchObject({ imported: 120, failed: 0 });
    await eventually(
      async () => {
        const r = await call(XUHUI, `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`, {
          input: {
            organizationId: 'xh-1',
            name: '徐汇党员',
            idNumber: citizenId(900),
            ethnicity: '汉族',
            education: '大学',
            category: 'Retired',
            joinedOn: '2000-07-01',
            fullMembershipOn: '2001-07-01',
          },
        });
        if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
      },
      60_000,
      500,
    );
  }, 300_000); // starts the services and waits for Kafka to carry the tree across

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([members?.stop(), organizations?.stop()]);
    proxy?.server.close();
  });

  it('resolves Member.organization for a page of 100 members with one call to the organizations subgraph', async () => {
    proxy.reset();
    const data = await ok<{
      members: { edges: Array<{ node: { id: string; organization: { id: string; name: string; type: string } } }> };
    }>(CITY, `{ members(first: 100) { edges { node { id organization { id name type } } } } }`);
    expect(data.members.edges).toHaveLength(100);
    expect(new Set(data.members.edges.map((e) => e.node.organization.name)).size).toBeGreaterThanOrEqual(4);
    expect(data.members.edges.every((e) => e.node.organization.type === 'JointBranch')).toBe(true);
    expect(proxy.calls()).toBe(1); // one batched _entities request, not one per member
  });

  it('names a secretary, host and absentee by member id and masked name; the full name and the absence reason come from the members subgraph, for callers who may read the member', async () => {
    const branch = await ok<{ organization: { members: { edges: Array<{ node: { id: string; name: string } }> } } }>(
      HUANGPU,
      `{ organization(id: "b-1") { members(first: 2) { edges { node { id name } } } } }`,
    );
    const [secretary, absent] = branch.organization.members.edges.map((e) => e.node);
    await ok(HUANGPU, `mutation($input: ElectLeadershipInput!) { electLeadership(input: $input) { id } }`, {
      input: {
        organizationId: 'b-1',
        electedOn: '2026-10-01',
        secretary: { name: secretary!.name, memberId: secretary!.id },
      },
    });
    const meeting = await eventually(
      () =>
        ok<{ recordMeeting: { id: string } }>(
          HUANGPU,
          `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { id } }`,
          {
            input: {
              meetingId: 'e2e-names',
              organizationId: 'b-1',
              meetingType: 'MembersMeeting',
              heldOn: '2026-11-02',
              host: { name: secretary!.name, memberId: secretary!.id },
              recorder: { name: secretary!.name, memberId: secretary!.id },
              attendeeIds: [secretary!.id],
              absentees: [{ memberId: absent!.id, reason: '病假' }],
              topics: ['学习'],
            },
          },
        ),
      30_000,
      500,
    );
    const query = `{ organization(id: "b-1") {
      leadership { secretary { memberId maskedName member { id name } } }
      meetings { id host { maskedName member { name } } absentees { memberId reasonRecorded member { meetings { meetingId absenceReason } } } }
    } }`;
    const seen = await ok<{
      organization: {
        leadership: { secretary: { memberId: string; maskedName: string; member: { id: string; name: string } } };
        meetings: Array<{
          id: string;
          host: { maskedName: string; member: { name: string } };
          absentees: Array<{
            memberId: string;
            reasonRecorded: boolean;
            member: { meetings: Array<{ meetingId: string; absenceReason: string | null }> };
          }>;
        }>;
      };
    }>(HUANGPU, query);
    expect(seen.organization.leadership.secretary).toEqual({
      memberId: secretary!.id,
      maskedName: maskName(secretary!.name),
      member: { id: secretary!.id, name: secretary!.name },
    });
    const recorded = seen.organization.meetings.find((m) => m.id === meeting.recordMeeting.id)!;
    expect(recorded.host).toEqual({ maskedName: maskName(secretary!.name), member: { name: secretary!.name } });
    expect(recorded.absentees[0]).toMatchObject({ memberId: absent!.id, reasonRecorded: true });
    await eventually(async () => {
      const again = await ok<typeof seen>(HUANGPU, query);
      const absentee = again.organization.meetings.find((m) => m.id === meeting.recordMeeting.id)!.absentees[0]!;
      expect(absentee.member.meetings).toContainEqual({ meetingId: meeting.recordMeeting.id, absenceReason: '病假' });
    }, 30_000);
    // a caller who may not read these members gets no name and no reason through the organization
    const outside = JSON.stringify(await call(XUHUI, query));
    expect(outside).not.toContain(secretary!.name);
    expect(outside).not.toContain('病假');
  });

  it('resolves Organization.members across the subgraphs, paged and filtered', async () => {
    const page = await ok<{
      organization: {
        name: string;
        members: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: Array<{ node: { name: string; stage: string; idNumber: string } }>;
        };
      };
    }>(
      CITY,
      `{ organization(id: "b-1") { name members(first: 20, stages: [FullMember], statuses: [Normal]) { totalCount pageInfo { hasNextPage endCursor } edges { node { name stage idNumber } } } } }`,
    );
    expect(page.organization.name).toBe('第2党支部');
    expect(page.organization.members.totalCount).toBe(30);
    expect(page.organization.members.pageInfo.hasNextPage).toBe(true);
    expect(page.organization.members.edges[0]!.node.idNumber).toMatch(/^3101\*{10}\d{3}[\dX]$/);
    const next = await ok<{ organization: { members: { edges: unknown[]; pageInfo: { hasNextPage: boolean } } } }>(
      CITY,
      `query($after: String) { organization(id: "b-1") { members(first: 20, after: $after) { edges { cursor } pageInfo { hasNextPage } } } }`,
      { after: page.organization.members.pageInfo.endCursor },
    );
    expect(next.organization.members.edges).toHaveLength(10);
    expect(next.organization.members.pageInfo.hasNextPage).toBe(false);
    const counts = await eventually(async () => {
      const c = await ok<{ organization: { memberCounts: { members: number; fullMembers: number } } }>(
        CITY,
        `{ organization(id: "huangpu") { memberCounts(includeSubtree: true) { members fullMembers } } }`,
      );
      expect(c.organization.memberCounts.members).toBe(120);
      return c.organization.memberCounts;
    }, 120_000); // 240 events through relay, Kafka and the organizations' projection: minutes on a busy machine
    expect(counts.fullMembers).toBe(120);
  });

  it('scopes every role: city, district, organization admin, member and analytics reader', async () => {
    const total = async (who: Caller) =>
      (await ok<{ members: { totalCount: number } }>(who, '{ members { totalCount } }')).members.totalCount;
    expect(await total(CITY)).toBe(121);
    expect(await total(HUANGPU)).toBe(120);
    expect(await total(XUHUI)).toBe(1);
    expect(await total(testCaller('ORGANIZATION_ADMIN', { organizationId: 'b-2' }))).toBe(30);
    const someone = (
      await ok<{ members: { edges: Array<{ node: { id: string } }> } }>(
        CITY,
        '{ members(organizationId: "b-3", first: 1) { edges { node { id } } } }',
      )
    ).members.edges[0]!.node.id;
    const me = testCaller('MEMBER', { memberId: someone, organizationId: 'b-3' });
    expect(await total(me)).toBe(1);
    const mine = await ok<{
      me: {
        id: string;
        phone: string;
        dues: { category: string; monthlyAmount: number };
        meetings: unknown[];
        stage: string;
        organization: { name: string };
      };
    }>(
      me,
      '{ me { id phone(reveal: true) stage dues { category monthlyAmount } meetings { heldOn } organization { name } } }',
    );
    expect(mine.me).toMatchObject({
      id: someone,
      stage: 'FullMember',
      dues: { category: 'Employed', monthlyAmount: 50 },
      meetings: [],
      organization: { name: '第4党支部' },
    });
    expect(mine.me.phone).toMatch(/^1380000\d{4}$/);
    expect(code(await call(me, '{ members(organizationId: "b-0") { totalCount } }'))).toBeUndefined(); // listing b-0 yields only what a member may see…
    expect(
      (await ok<{ members: { totalCount: number } }>(me, '{ members(organizationId: "b-0") { totalCount } }')).members
        .totalCount,
    ).toBe(0); // …nothing
    const reader = testCaller('ANALYTICS_READER');
    expect(await total(reader)).toBe(121);
    expect(
      code(await call(reader, `query($id: ID!) { member(id: $id) { idNumber(reveal: true) } }`, { id: someone })),
    ).toBe('FORBIDDEN');
    expect(
      code(
        await call(reader, `mutation($input: DatedStepInput!) { recordContactRestored(input: $input) { id } }`, {
          input: { memberId: someone, on: '2026-11-01' },
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(code(await call(XUHUI, `query($id: ID!) { member(id: $id) { name } }`, { id: someone }))).toBe('FORBIDDEN');
  });

  it('answers bad input with a stable code and the field at fault', async () => {
    const result = await call(
      HUANGPU,
      `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`,
      {
        input: {
          organizationId: 'b-0',
          name: '张三',
          idNumber: '310101199001011230',
          ethnicity: '汉族',
          education: '',
          category: 'Employed',
          appliedOn: '2020-01-01',
        },
      },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CITIZEN_ID_INVALID', field: 'idNumber' });
    const valid = cardNumberFrom('12345678901234');
    const malformed = await call(HUANGPU, `query($c: String!) { memberByCard(cardNumber: $c) { id } }`, {
      c: `${valid.slice(0, 15)}${(Number(valid[15]) + 1) % 10}`,
    });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'CARD_NUMBER_INVALID', field: 'cardNumber' });
  });

  // last: every line the gateway (its router's included) and both subgraphs wrote while the tests above ran
  it('wrote no name, ID number, phone or reason sent through the gateway (nor any citizen ID number) to a log line', async () => {
    expect(sent.values.size).toBeGreaterThan(100);
    const { lines, leaks } = await scanServiceLogs(sent.values);
    expect(lines).toBeGreaterThan(20);
    expect(leaks).toEqual([]);
  });
});
