import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { type Caller, signInternalToken, signUserToken } from '@lianjian/auth';
import { ServiceProcess, eventually, freePort, requireEnv, uniqueName } from '@lianjian/testing';
import { startRouter } from './router';
import { gatewaySettingsFromEnv } from './settings';

const JWT = { issuer: 'lianjian', audience: 'lianjian-api', secret: 'e2e-user-token-secret' };
const SUBGRAPH_SECRET = 'e2e-subgraph-secret';
const ADMIN_APP = 'https://admin.lianjian.example';

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

const registered = JSON.parse(readFileSync(path.join(__dirname, '../persisted-documents.json'), 'utf8')) as {
  operations: Array<{ id: string; name: string; body: string }>;
};

describe('the platform end to end, through the gateway (Hive Router)', () => {
  let organizations: ServiceProcess;
  let gateway: ServiceProcess;
  let production: ServiceProcess;
  let gatewayUrl: string;
  let productionUrl: string;
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
  const post = async (url: string, body: unknown, headers: Record<string, string> = {}): Promise<Result> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, ...((await response.json()) as Omit<Result, 'status'>) };
  };
  /**
   * A POST whose declared length is over the gateway's limit, of which only the first 64 KiB are sent before the
   * answer is awaited. The router refuses such a request by its Content-Length, after reading at most 64 KiB of the
   * body (so the connection closes cleanly); a client that goes on writing the rest into the closing connection gets
   * a reset that races the router's 413 — this one has nothing in flight when the answer comes.
   */
  const postDeclaredOverLimit = (url: string, body: string, headers: Record<string, string>): Promise<Result> =>
    new Promise((resolve, reject) => {
      const bytes = Buffer.from(body);
      const req = request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(bytes.length), ...headers },
      });
      req.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, ...(JSON.parse(text) as Omit<Result, 'status'>) });
          req.destroy();
        });
      });
      req.on('error', reject);
      req.write(bytes.subarray(0, 64 * 1024));
    });
  const bearer = async (who: Caller = CITY) => ({ authorization: `Bearer ${await signUserToken(who, JWT)}` });
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
    const productionPort = await freePort();
    subgraphUrl = `http://127.0.0.1:${orgPort}/graphql`;
    gatewayUrl = `http://127.0.0.1:${gwPort}/graphql`;
    productionUrl = `http://127.0.0.1:${productionPort}/graphql`;
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
    const gatewayEnv = (port: number, mode: 'development' | 'production') => ({
      PORT: String(port),
      HOST: '127.0.0.1',
      GATEWAY_MODE: mode,
      SUBGRAPH_URL_ORGANIZATIONS: subgraphUrl,
      GATEWAY_SUBGRAPH_SECRET: SUBGRAPH_SECRET,
      JWT_SECRET: JWT.secret,
      JWT_ISSUER: JWT.issuer,
      JWT_AUDIENCE: JWT.audience,
      MAX_QUERY_DEPTH: '8',
      MAX_QUERY_COST: '400',
    });
    [gateway, production] = await Promise.all([
      ServiceProcess.start(
        'apps/gateway/src/main.ts',
        { ...gatewayEnv(gwPort, 'development'), CORS_ALLOWED_ORIGINS: ADMIN_APP },
        `http://127.0.0.1:${gwPort}/readiness`,
      ),
      ServiceProcess.start(
        'apps/gateway/src/main.ts',
        gatewayEnv(productionPort, 'production'),
        `http://127.0.0.1:${productionPort}/readiness`,
      ),
    ]);

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
      organizationType: 'JointBranch',
      parentId: 'xuhui',
      region: region('xuhui'),
    });
  });

  afterAll(async () => {
    await production?.stop();
    await gateway?.stop();
    await organizations?.stop();
  });

  it('refuses operations without a valid user token, and subgraphs refuse calls that bypass the gateway', async () => {
    const query = '{ organizations { totalCount } }';
    const refused = async (token: string | null) => {
      const result = await call(token, query);
      return { status: result.status, code: code(result), data: result.data ?? null };
    };
    expect(await refused(null)).toEqual({ status: 401, code: 'JWT_LOOKUP_FAILED', data: null });
    expect(await refused('not-a-jwt')).toEqual({ status: 403, code: 'INVALID_JWT_HEADER', data: null });
    const forged = await signUserToken(CITY, { ...JWT, secret: 'someone-elses-secret' });
    expect(await refused(forged)).toEqual({ status: 403, code: 'MISSING_JWT', data: null });
    const claims = { role: 'CITY_ADMIN', district: null, organizationId: null, memberId: null };
    const key = new TextEncoder().encode(JWT.secret);
    const signed = (jwt: SignJWT) =>
      jwt.setProtectedHeader({ alg: 'HS256' }).setSubject('city@e2e').setIssuer(JWT.issuer).setAudience(JWT.audience);
    const expired = await signed(new SignJWT(claims))
      .setIssuedAt(1_700_000_000)
      .setExpirationTime(1_700_003_600)
      .sign(key);
    expect(await refused(expired)).toEqual({ status: 403, code: 'MISSING_JWT', data: null });
    const forever = await signed(new SignJWT(claims)).setIssuedAt().sign(key); // no exp: never accepted
    expect(await refused(forever)).toEqual({ status: 403, code: 'MISSING_JWT', data: null });
    const otherAudience = await signUserToken(CITY, { ...JWT, audience: 'another-api' });
    expect(await refused(otherAudience)).toEqual({ status: 403, code: 'MISSING_JWT', data: null });
    // rules the gateway adds: iat required and not in the future, a lifetime of at most JWT_MAX_LIFETIME_SECONDS
    const now = Math.floor(Date.now() / 1000);
    const month = await signed(new SignJWT(claims))
      .setIssuedAt(now)
      .setExpirationTime(now + 30 * 86_400)
      .sign(key);
    const lifetime = await call(month, query);
    expect({ code: code(lifetime), data: lifetime.data ?? null }).toEqual({
      code: 'TOKEN_LIFETIME_TOO_LONG',
      data: null,
    });
    expect(lifetime.errors?.[0]?.message).toBe('the token lives 2592000 s; tokens may live at most 86400 s');
    const noIat = await signed(new SignJWT(claims))
      .setExpirationTime(now + 600)
      .sign(key);
    expect(code(await call(noIat, query))).toBe('TOKEN_LIFETIME_TOO_LONG');
    const future = await signed(new SignJWT(claims))
      .setIssuedAt(now + 3600)
      .setExpirationTime(now + 7200)
      .sign(key);
    expect(code(await call(future, query))).toBe('TOKEN_ISSUED_IN_FUTURE');
    const day = await signed(new SignJWT(claims))
      .setIssuedAt(now)
      .setExpirationTime(now + 86_400)
      .sign(key);
    expect((await call(day, query)).data).toEqual({ organizations: { totalCount: expect.any(Number) } });
    const direct = await fetch(subgraphUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organizations { totalCount } }' }),
    });
    expect(direct.status).toBe(401);
  });

  it("answers a subgraph's health publicly, and its relay's state only to a caller signed with the subgraph secret", async () => {
    const health = subgraphUrl.replace(/graphql$/, 'health');
    const anonymous = await fetch(health);
    expect({ status: anonymous.status, body: await anonymous.json() }).toEqual({ status: 200, body: { status: 'ok' } });
    const forged = await fetch(health, {
      headers: { 'x-lianjian-caller': await signInternalToken(CITY, 'not-the-subgraph-secret') },
    });
    expect(await forged.json()).toEqual({ status: 'ok' });
    const operator = await fetch(health, {
      headers: { 'x-lianjian-caller': await signInternalToken(CITY, SUBGRAPH_SECRET) },
    });
    expect(await operator.json()).toMatchObject({ status: 'ok', relay: expect.any(Object) });
  });

  it('verifies RS256 tokens by a public key, a JWKS file and a JWKS URL, and passes their claims to the subgraphs', async () => {
    const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
    const city = rsa();
    const stranger = rsa();
    const kid = 'city-idp-2026';
    const jwks = { keys: [{ ...city.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gateway-keys-'));
    writeFileSync(path.join(dir, 'public.pem'), city.publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(path.join(dir, 'jwks.json'), JSON.stringify(jwks));
    const idp = createServer((_, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify(jwks)));
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(idp.address() as AddressInfo).port}/jwks.json`;
    // a district admin of Huangpu, as the city's identity provider would sign it
    const sign = (key: KeyObject, withKid: boolean) =>
      new SignJWT({ role: 'DISTRICT_ADMIN', district: 'huangpu', organizationId: null, memberId: null })
        .setProtectedHeader(withKid ? { alg: 'RS256', kid } : { alg: 'RS256' })
        .setSubject('hp-admin@idp')
        .setIssuer(JWT.issuer)
        .setAudience(JWT.audience)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key);
    const keyed: Array<[string, Record<string, string>, boolean]> = [
      ['public key', { JWT_PUBLIC_KEY_FILE: path.join(dir, 'public.pem') }, false],
      ['JWKS file', { JWT_JWKS_FILE: path.join(dir, 'jwks.json') }, true],
      ['JWKS URL', { JWT_JWKS_URL: jwksUrl }, true],
    ];
    try {
      for (const [keys, env, withKid] of keyed) {
        const port = await freePort();
        const router = await startRouter(
          gatewaySettingsFromEnv({
            PORT: String(port),
            HOST: '127.0.0.1',
            GATEWAY_MODE: 'development',
            SUBGRAPH_URL_ORGANIZATIONS: subgraphUrl,
            GATEWAY_SUBGRAPH_SECRET: SUBGRAPH_SECRET,
            JWT_ISSUER: JWT.issuer,
            JWT_AUDIENCE: JWT.audience,
            ...env,
          }),
          { stdio: 'ignore' },
        );
        try {
          const url = `http://127.0.0.1:${port}/graphql`;
          const query = { query: '{ organizations { edges { node { id } } } }' };
          const admitted = await post(url, query, { authorization: `Bearer ${await sign(city.privateKey, withKid)}` });
          // the subgraph scoped the answer by the token's claims: Huangpu's three organizations
          const ids = (
            admitted.data as { organizations: { edges: Array<{ node: { id: string } }> } } | undefined
          )?.organizations.edges
            .map((e) => e.node.id)
            .sort();
          expect({ keys, ids }).toEqual({ keys, ids: ['branch', 'huangpu', 'street'] });
          const forged = await post(url, query, {
            authorization: `Bearer ${await sign(stranger.privateKey, withKid)}`,
          });
          expect({ keys, status: forged.status, data: forged.data ?? null }).toEqual({ keys, status: 403, data: null });
        } finally {
          await router.stop();
        }
      }
    } finally {
      idp.closeAllConnections();
      idp.close();
      rmSync(dir, { recursive: true, force: true });
    }
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

  it('limits query depth and cost, each with its code and the limit in the message and extensions.limit', async () => {
    let nested = 'id';
    for (let i = 0; i < 10; i += 1) nested = `parent { ${nested} }`;
    const deep = await call(CITY, `{ organization(id: "branch") { ${nested} } }`);
    // the router's code; the message and `limit` from our plugin (tools/router/lianjian-router), MAX_QUERY_DEPTH 8
    expect(deep.errors?.[0]).toEqual({
      message: 'The query is more than 8 levels deep; at most 8 are allowed.',
      extensions: { code: 'MAX_DEPTH_EXCEEDED', limit: 8 },
    });
    expect(deep.data ?? null).toBeNull();
    // each list counts as a page of 50 (the default page): one alias estimates 151, three 453 (> 400)
    const wide = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `o${i}: organizations { edges { node { id name parent { id name } } } }`,
      ).join(' ');
    const costly = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await bearer()) },
      body: JSON.stringify({ query: `{ ${wide(3)} }` }),
    });
    // the limit and the estimate come back beside the refusal
    expect({ max: costly.headers.get('x-cost-max'), estimated: costly.headers.get('x-cost-estimated') }).toEqual({
      max: '400',
      estimated: '453',
    });
    expect(await costly.json()).toEqual({
      errors: [
        {
          message: "The query's estimated cost is more than 400; at most 400 is allowed.",
          extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', limit: 400 },
        },
      ],
    });
    expect((await call(CITY, `{ ${wide(2)} }`)).errors).toBeUndefined();
  });

  it('refuses a body over 1 MB and batched operations, each with its code', async () => {
    const auth = await bearer();
    const big = await postDeclaredOverLimit(
      gatewayUrl,
      JSON.stringify({ query: '{ organizations { totalCount } }', variables: { padding: 'x'.repeat(1_100_000) } }),
      auth,
    );
    expect(big).toMatchObject({ status: 413, errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE_CONTENT_LENGTH' } }] });
    const batch = await post(
      gatewayUrl,
      [{ query: '{ organizations { totalCount } }' }, { query: '{ organizations { totalCount } }' }],
      auth,
    );
    expect(batch).toMatchObject({ status: 400, errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    expect(batch.data ?? null).toBeNull();
  });

  it("passes a subgraph's body limit on with its code, and logs no request body", async () => {
    // under the gateway's 1 MB, over the organizations service's 100 KB
    const name = `超长名称${'长'.repeat(200_000)}`;
    const result = await call(
      CITY,
      'mutation($name: String!) { renameOrganization(input: { organizationId: "branch", name: $name }) { id } }',
      { name },
    );
    expect(result.errors?.[0]).toMatchObject({
      message: 'the request body is larger than this service accepts (100kb)',
      extensions: { code: 'PAYLOAD_TOO_LARGE' },
    });
    expect(result.data ?? null).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 200)); // the lines of the request are written
    const logged = organizations.output.join('') + gateway.output.join('');
    expect(logged).not.toContain('长'.repeat(100));
  });

  it('limits aliases at the gateway and root fields at each subgraph, each with its code and the limit', async () => {
    const aliases = (n: number) =>
      Array.from({ length: n }, (_, i) => `a${i}: organizations(first: 1) { totalCount }`).join(' ');
    const tooManyAliases = await call(CITY, `{ ${aliases(31)} }`);
    // MAX_QUERY_ALIASES: 30 by default
    expect(tooManyAliases.errors?.[0]).toEqual({
      message: 'The query has more than 30 aliases; at most 30 are allowed.',
      extensions: { code: 'MAX_ALIASES_EXCEEDED', limit: 30 },
    });
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
    // the router's own line of the operation: its request_id is the client's correlation id
    const routerLine = await eventually(() => {
      const found = gateway.output
        .join('')
        .split('\n')
        .find((l) => l.includes(`"request_id":"${correlationId}"`) && l.includes('"target":"router::request"'));
      expect(found).toBeDefined();
      return JSON.parse(found!) as Record<string, unknown>;
    });
    expect(routerLine).toMatchObject({ level: 'INFO', status_code: 200, involved_subgraphs: 'organizations' });
    const logged = organizations.output.join('') + gateway.output.join('');
    expect(logged).not.toContain(token);
    expect(logged).not.toMatch(/authorization|x-lianjian-caller|huangpu/i);

    // a client that sends only x-request-id: that is the correlation id
    const requestId = uniqueName('req');
    const byRequestId = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
      body: JSON.stringify({ query: '{ organizations { totalCount } }' }),
    });
    expect(byRequestId.headers.get('x-correlation-id')).toBe(requestId);
    await eventually(() => expect(organizations.output.join('')).toContain(`"correlationId":"${requestId}"`));
  });

  it('serves the GraphQL IDE in development mode only, with no token in it', async () => {
    const response = await fetch(gatewayUrl, { headers: { accept: 'text/html' } });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/Bearer|eyJ/);
    const refused = await fetch(productionUrl, { headers: { accept: 'text/html' } });
    expect(await refused.text()).not.toContain('GraphiQL');
    expect(refused.status).toBeGreaterThanOrEqual(400);
  });

  it('answers browsers only from the configured origins, without credentials; none by default', async () => {
    const preflight = (url: string, origin: string) =>
      fetch(url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const admitted = await preflight(gatewayUrl, ADMIN_APP);
    expect(admitted.headers.get('access-control-allow-origin')).toBe(ADMIN_APP);
    expect(admitted.headers.get('access-control-allow-credentials')).not.toBe('true');
    for (const [url, origin] of [
      [gatewayUrl, 'https://evil.example'],
      [productionUrl, ADMIN_APP], // production settings without CORS_ALLOWED_ORIGINS
      [productionUrl, 'https://evil.example'],
    ] as const) {
      // no allowed origin, or the router's "null" (which no web page's origin equals)
      const allowed = (await preflight(url, origin)).headers.get('access-control-allow-origin');
      expect({ url, origin, allowed: [null, 'null'].includes(allowed) }).toEqual({ url, origin, allowed: true });
    }
    const answer = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json', ...(await bearer()) },
      body: JSON.stringify({ query: '{ organizations { totalCount } }' }),
    });
    expect([null, 'null']).toContain(answer.headers.get('access-control-allow-origin'));
  });

  it('runs only registered operations in production settings, any in development', async () => {
    const auth = await bearer();
    const text = 'query Organization($id: ID!) { organization(id: $id) { id name } }';
    expect(await post(productionUrl, { query: text, variables: { id: 'branch' } }, auth)).toMatchObject({
      errors: [{ extensions: { code: 'PERSISTED_DOCUMENT_ID_REQUIRED' } }],
    });
    expect(await post(gatewayUrl, { query: text, variables: { id: 'branch' } }, auth)).toMatchObject({
      data: { organization: { id: 'branch' } },
    });
    const organization = registered.operations.find((o) => o.name === 'Organization')!;
    const byId = await post(productionUrl, { documentId: organization.id, variables: { id: 'huangpu' } }, auth);
    expect(byId.errors).toBeUndefined();
    expect(byId.data).toMatchObject({ organization: { id: 'huangpu', name: '黄浦区委', ancestors: [{ id: 'city' }] } });
    // the same id in the persisted-query extension (Apollo clients), and an id nobody registered
    const byExtension = await post(
      productionUrl,
      { variables: { id: 'huangpu' }, extensions: { persistedQuery: { version: 1, sha256Hash: organization.id } } },
      auth,
    );
    expect(byExtension.data).toEqual(byId.data);
    const unknown = await post(productionUrl, { documentId: 'f'.repeat(64), variables: {} }, auth);
    expect(unknown).toMatchObject({ errors: [{ extensions: { code: 'PERSISTED_DOCUMENT_NOT_FOUND' } }] });
    expect(unknown.data ?? null).toBeNull();
    // a registered operation still needs a valid token
    expect((await post(productionUrl, { documentId: organization.id, variables: { id: 'huangpu' } })).status).toBe(401);
  });
});
