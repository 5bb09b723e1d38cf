import { type Caller, signUserToken } from '@lianjian/auth';
import { ServiceProcess, eventually, freePort, requireEnv, uniqueName } from '@lianjian/testing';

const JWT = { issuer: 'lianjian', audience: 'lianjian-api', secret: 'e2e-user-token-secret' };
const SUBGRAPH_SECRET = 'e2e-subgraph-secret';

const user = (role: Caller['role'], extra: Partial<Caller> = {}): Caller => ({
  subject: `${role.toLowerCase()}@e2e`,
  role,
  district: null,
  organizationId: null,
  memberId: null,
  ...extra,
});

interface Result<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

describe('the platform end to end, through the gateway', () => {
  let organizations: ServiceProcess;
  let gateway: ServiceProcess;
  let gatewayUrl: string;
  let subgraphUrl: string;

  const call = async <T = Record<string, unknown>>(
    who: Caller | string | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Result<T>> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (who) headers['authorization'] = `Bearer ${typeof who === 'string' ? who : await signUserToken(who, JWT)}`;
    const response = await fetch(gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return { status: response.status, ...((await response.json()) as Omit<Result<T>, 'status'>) };
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
  const code = (result: Result) => result.errors?.[0]?.extensions?.['code'];

  const CITY = user('CITY_ADMIN');
  const establish = (input: Record<string, unknown>) =>
    ok(CITY, `mutation($input: EstablishOrganizationInput!) { establishOrganization(input: $input) { id } }`, {
      input: { establishedOn: '2020-01-01', documentNumber: '沪委〔2020〕1号', ...input },
    });

  beforeAll(async () => {
    const orgPort = await freePort();
    const gwPort = await freePort();
    subgraphUrl = `http://127.0.0.1:${orgPort}/graphql`;
    gatewayUrl = `http://127.0.0.1:${gwPort}/graphql`;
    [organizations] = await Promise.all([
      ServiceProcess.start(
        'apps/organizations/src/main.ts',
        {
          PORT: String(orgPort),
          HOST: '127.0.0.1',
          MONGODB_URI: requireEnv('MONGODB_URI'),
          MONGODB_DATABASE: uniqueName('e2e'),
          KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'),
          TOPIC_PREFIX: `${uniqueName('e2e')}.`,
          GATEWAY_SUBGRAPH_SECRET: SUBGRAPH_SECRET,
          LIANJIAN_TODAY: '2026-11-22',
        },
        `http://127.0.0.1:${orgPort}/health`,
      ),
    ]);
    gateway = await ServiceProcess.start(
      'apps/gateway/src/main.ts',
      {
        PORT: String(gwPort),
        HOST: '127.0.0.1',
        SUBGRAPH_URL_ORGANIZATIONS: subgraphUrl,
        GATEWAY_SUBGRAPH_SECRET: SUBGRAPH_SECRET,
        JWT_SECRET: JWT.secret,
        JWT_ISSUER: JWT.issuer,
        JWT_AUDIENCE: JWT.audience,
        MAX_QUERY_DEPTH: '8',
        MAX_QUERY_COST: '400',
      },
      `http://127.0.0.1:${gwPort}/healthcheck`,
    );

    const region = (district: string | null, street: string | null = null) => ({ district, street, community: null });
    await establish({
      organizationId: 'city',
      name: '市委',
      organizationType: 'Committee',
      parentId: null,
      region: region(null),
    });
    await establish({
      organizationId: 'huangpu',
      name: '黄浦区委',
      organizationType: 'Committee',
      parentId: 'city',
      region: region('huangpu'),
    });
    await establish({
      organizationId: 'xuhui',
      name: '徐汇区委',
      organizationType: 'Committee',
      parentId: 'city',
      region: region('xuhui'),
    });
    await establish({
      organizationId: 'street',
      name: '南京东路街道党工委',
      organizationType: 'WorkingCommittee',
      parentId: 'huangpu',
      region: region('huangpu', 'nanjing-east'),
    });
    await establish({
      organizationId: 'branch',
      name: '楼宇联合党支部',
      organizationType: 'JointBranch',
      parentId: 'street',
      region: region('huangpu', 'nanjing-east'),
    });
    await establish({
      organizationId: 'xh-branch',
      name: '徐汇某支部',
      organizationType: 'Branch',
      parentId: 'xuhui',
      region: region('xuhui'),
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await organizations?.stop();
  });

  it('refuses operations without a valid user token, and subgraphs refuse calls that bypass the gateway', async () => {
    expect(await call(null, '{ organizations { totalCount } }')).toMatchObject({ status: 401 });
    expect(code(await call(null, '{ organizations { totalCount } }'))).toBe('UNAUTHENTICATED');
    expect(code(await call('not-a-jwt', '{ organizations { totalCount } }'))).toBe('UNAUTHENTICATED');
    const forged = await signUserToken(CITY, { ...JWT, secret: 'someone-elses-secret' });
    expect(code(await call(forged, '{ organizations { totalCount } }'))).toBe('UNAUTHENTICATED');
    const direct = await fetch(subgraphUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organizations { totalCount } }' }),
    });
    expect(direct.status).toBe(401);
  });

  it('carries a mutation through the event store, Kafka and a consumer back out of a federated query', async () => {
    await ok(
      CITY,
      `mutation { renameOrganization(input: { organizationId: "branch", name: "新世界大厦联合党支部", effectiveOn: "2026-11-01" }) { version } }`,
    );
    const history = await eventually(async () => {
      const data = await ok<{ organization: { history: Array<{ eventType: string; name: string }> } }>(
        CITY,
        `{ organization(id: "branch") { history { eventType name } } }`,
      );
      expect(data.organization.history).toHaveLength(2);
      return data.organization.history;
    });
    expect(history).toEqual([
      { eventType: 'OrganizationEstablished', name: '楼宇联合党支部' },
      { eventType: 'OrganizationRenamed', name: '新世界大厦联合党支部' },
    ]);
    const tree = await ok<{
      organization: { ancestors: Array<{ name: string }>; parent: { children: { totalCount: number } } };
    }>(CITY, `{ organization(id: "branch") { ancestors { name } parent { children { totalCount } } } }`);
    expect(tree.organization.ancestors.map((a) => a.name)).toEqual(['市委', '黄浦区委', '南京东路街道党工委']);
    expect(tree.organization.parent.children.totalCount).toBe(1);
  });

  it('scopes a district admin to their district', async () => {
    const admin = user('DISTRICT_ADMIN', { district: 'huangpu' });
    const listed = await ok<{ organizations: { edges: Array<{ node: { id: string } }> } }>(
      admin,
      '{ organizations { edges { node { id } } } }',
    );
    expect(listed.organizations.edges.map((e) => e.node.id).sort()).toEqual(['branch', 'huangpu', 'street']);
    expect(code(await call(admin, '{ organization(id: "xh-branch") { id } }'))).toBe('FORBIDDEN');
    await ok(
      admin,
      `mutation { electLeadership(input: { organizationId: "street", electedOn: "2024-05-01", secretary: { name: "孙书记" } }) { id } }`,
    );
    expect(
      code(
        await call(
          admin,
          `mutation { renameOrganization(input: { organizationId: "xh-branch", name: "越权改名" }) { id } }`,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      code(
        await call(
          admin,
          `mutation { transferOrganizationToDistrict(input: { organizationId: "branch", parentId: "xuhui", region: { district: "xuhui" }, documentNumber: "x" }) { id } }`,
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('scopes an organization admin to their subtree', async () => {
    const admin = user('ORGANIZATION_ADMIN', { organizationId: 'street' });
    const data = await ok<{ organizations: { totalCount: number } }>(admin, '{ organizations { totalCount } }');
    expect(data.organizations.totalCount).toBe(2);
    await ok(
      admin,
      `mutation { renameOrganization(input: { organizationId: "branch", name: "新世界联合党支部" }) { id } }`,
    );
    expect(
      code(
        await call(admin, `mutation { renameOrganization(input: { organizationId: "huangpu", name: "越权" }) { id } }`),
      ),
    ).toBe('FORBIDDEN');
    expect(
      code(
        await call(
          admin,
          `mutation { dissolveOrganization(input: { organizationId: "street", reason: "自行撤销", documentNumber: "x" }) { id } }`,
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('lets a member read only their own organization', async () => {
    const member = user('MEMBER', { memberId: 'm-1', organizationId: 'branch' });
    expect(
      (await ok<{ organization: { id: string } }>(member, '{ organization(id: "branch") { id } }')).organization.id,
    ).toBe('branch');
    expect(code(await call(member, '{ organization(id: "street") { id } }'))).toBe('FORBIDDEN');
    expect(
      code(
        await call(
          member,
          `mutation { renameOrganization(input: { organizationId: "branch", name: "成员改名" }) { id } }`,
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('lets an analytics reader read everything and change nothing', async () => {
    const reader = user('ANALYTICS_READER');
    expect(
      (await ok<{ organizations: { totalCount: number } }>(reader, '{ organizations { totalCount } }')).organizations
        .totalCount,
    ).toBe(6);
    expect(
      code(
        await call(
          reader,
          `mutation { renameOrganization(input: { organizationId: "branch", name: "读者改名" }) { id } }`,
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('gives bad input a stable code and the field at fault', async () => {
    const result = await call(
      CITY,
      `mutation { electLeadership(input: { organizationId: "branch", electedOn: "someday", secretary: { name: "" } }) { id } }`,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'electedOn' });
  });

  it('limits query depth and cost', async () => {
    let nested = 'id';
    for (let i = 0; i < 10; i += 1) nested = `parent { ${nested} }`;
    const deep = await call(CITY, `{ organization(id: "branch") { ${nested} } }`);
    expect(deep.errors?.[0]?.message).toMatch(/depth/i);
    const wide = Array.from(
      { length: 30 },
      (_, i) => `o${i}: organizations { edges { node { id name parent { id name } } } }`,
    ).join(' ');
    const costly = await call(CITY, `{ ${wide} }`);
    expect(costly.errors?.[0]?.message).toMatch(/cost/i);
    const modest = await call(CITY, `{ ${wide.split(' o3:')[0]} }`);
    expect(modest.errors).toBeUndefined();
  });

  it('limits aliases at the gateway and root fields at each subgraph, each with its code', async () => {
    const aliases = (n: number) =>
      Array.from({ length: n }, (_, i) => `a${i}: organizations(first: 1) { totalCount }`).join(' ');
    const tooManyAliases = await call(CITY, `{ ${aliases(31)} }`);
    expect(tooManyAliases.errors?.[0]?.message).toMatch(/aliases/i);
    // 25 aliases pass the gateway; the organizations subgraph refuses more than 20 root fields
    const tooManyRootFields = await call(CITY, `{ ${aliases(25)} }`);
    expect(tooManyRootFields.errors?.[0]).toMatchObject({
      message: 'the operation selects 25 root fields; at most 20 are allowed',
      extensions: { code: 'TOO_MANY_ROOT_FIELDS' },
    });
    expect(tooManyRootFields.data ?? null).toBeNull();
    expect((await call(CITY, `{ ${aliases(20)} }`)).errors).toBeUndefined();
  });

  it("carries the client's correlation id to the subgraphs' JSON logs, with the token and the variables left out", async () => {
    const correlationId = uniqueName('corr');
    const token = await signUserToken(CITY, JWT);
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-correlation-id': correlationId,
      },
      body: JSON.stringify({
        query: 'query($id: ID!) { organization(id: $id) { name } }',
        variables: { id: 'huangpu' },
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-correlation-id')).toBe(correlationId);
    const line = await eventually(() => {
      const found = organizations.output
        .join('')
        .split('\n')
        .find((l) => l.includes(correlationId));
      expect(found).toBeDefined();
      return JSON.parse(found!) as Record<string, unknown>;
    });
    expect(line).toMatchObject({
      service: 'organizations',
      correlationId,
      msg: 'request completed',
      req: { method: 'POST', path: '/graphql' },
      res: { statusCode: 200 },
    });
    expect(line['reqId']).toEqual(expect.any(String));
    // the gateway's own line of the operation, with the same correlation id
    const gatewayLine = await eventually(() => {
      const found = gateway.output
        .join('')
        .split('\n')
        .find((l) => l.includes(correlationId));
      expect(found).toBeDefined();
      return JSON.parse(found!) as Record<string, unknown>;
    });
    expect(gatewayLine).toMatchObject({
      service: 'gateway',
      correlationId,
      msg: 'request completed',
      req: { method: 'POST', path: '/graphql' },
      res: { statusCode: 200 },
    });
    expect(gatewayLine['reqId']).toBe(response.headers.get('x-request-id'));
    const logged = organizations.output.join('') + gateway.output.join('');
    expect(logged).not.toContain(token);
    expect(logged).not.toMatch(/authorization|x-lianjian-caller|huangpu/i);

    // without one, the gateway makes one, answers with it and passes it on
    const anonymous = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ organizations { totalCount } }' }),
    });
    const made = anonymous.headers.get('x-correlation-id');
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    await eventually(() => expect(organizations.output.join('')).toContain(`"correlationId":"${made}"`));
  });

  it('serves the GraphQL IDE from the gateway itself, with no CDN', async () => {
    const response = await fetch(gatewayUrl, { headers: { accept: 'text/html' } });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('联建 Lianjian GraphQL');
    expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr|esm\.sh/);
  });
});
