import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { type Caller } from '@lianjian/auth';
import { PROJECTS_TOPICS } from '@lianjian/projects-contracts';
import { OrganizationsProcess, eventually, requireEnv, testCaller, uniqueName } from '@lianjian/testing';
import { establishCoBuildingCity } from './testing/co-building-fixture';
import { linkKey, signLinkCode } from './public/link-code';
import { ProjectsHarness } from './testing/projects-harness';

const CITY = testCaller('CITY_ADMIN');
const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });
const XUHUI = testCaller('DISTRICT_ADMIN', { district: 'xuhui' });
const WAITAN = testCaller('ORGANIZATION_ADMIN', { organizationId: 'waitan' });
const STRANGER = testCaller('MEMBER', { memberId: 'm-stranger', organizationId: 'b-other' });

interface GqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string | null } }>;
}

/**
 * The public path on the real service, database and Kafka: a project's signed rating link, ratings by the people it
 * served on `/public/graphql` (not through the gateway), one per person even when two race, links forged or expired,
 * the rate limit, comments screened before they are stored, nothing else of the service reachable there; the
 * satisfaction counts and the district ranking; the most creative project selection.
 */
describe('ratings by the people served (the public path)', () => {
  const topicPrefix = `${uniqueName('ratings')}.`;
  let orgs: OrganizationsProcess;
  let svc: ProjectsHarness;
  let limited: ProjectsHarness;
  let mongo: MongoClient;
  let link1 = '';
  let link2 = '';

  const gql = async (caller: Caller, query: string, variables: Record<string, unknown> = {}) => {
    const r = await svc.gql<Record<string, unknown>>(caller, query, variables);
    return r as GqlAnswer;
  };
  const ok = async (caller: Caller, name: string, input: Record<string, unknown>, fields = '__typename') => {
    const r = await gql(
      caller,
      `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${fields} } }`,
      { input },
    );
    expect({ name, errors: r.errors }).toEqual({ name, errors: undefined });
    return r.data?.[name] as Record<string, unknown>;
  };
  const publicPost = async (
    harness: ProjectsHarness,
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GqlAnswer & { status: number }> => {
    const response = await fetch(`${harness.origin}/public/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as GqlAnswer) };
  };
  const RATE = `mutation($input: RateProjectInput!) { rateProject(input: $input) { level comment } }`;
  const rate = (link: string, contact: string, level = 'Satisfied', comment: string | null = null) =>
    publicPost(svc, RATE, { input: { link, contact, level, comment } });
  const codes = (r: GqlAnswer) => (r.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.field]);

  const completeProject = async (projectId: string, needId: string, title: string) => {
    await ok(WAITAN, 'submitNeed', {
      needId,
      councilId: 'c-rate',
      kind: 'Need',
      category: 'PublicServices',
      title: `需求 ${title}`,
      description: '居民需要',
      submitterKind: 'Resident',
      submittedOn: '2026-03-01',
    });
    await ok(WAITAN, 'proposeProject', {
      projectId,
      councilId: 'c-rate',
      title,
      needIds: [needId],
      proposedOn: '2026-03-02',
    });
    await ok(WAITAN, 'resolveProject', { projectId, sessionId: 's-1', resolution: 1, resolvedOn: '2026-03-10' });
    await ok(WAITAN, 'approveProject', { projectId, approverOrganizationId: 'waitan', approvedOn: '2026-03-11' });
    await ok(WAITAN, 'claimProject', { projectId, unitId: 'u-bank', description: '出场地', claimedOn: '2026-03-12' });
    await ok(WAITAN, 'startProject', { projectId, startedOn: '2026-03-13' });
    await ok(WAITAN, 'completeProject', { projectId, completedOn: '2026-06-01' });
  };
  const ratingLink = async (projectId: string, validUntil: string | null = null) => {
    const r = await gql(
      WAITAN,
      `mutation($p: ID!, $v: String) { projectRatingLink(projectId: $p, validUntil: $v) { code path url qrSvg validUntil } }`,
      { p: projectId, v: validUntil },
    );
    expect(r.errors).toBeUndefined();
    return r.data?.['projectRatingLink'] as {
      code: string;
      path: string;
      url: string;
      qrSvg: string;
      validUntil: string | null;
    };
  };

  beforeAll(async () => {
    orgs = await OrganizationsProcess.start(topicPrefix);
    [svc, limited] = await Promise.all([
      ProjectsHarness.start({ topicPrefix, env: { PROJECTS_PUBLIC_PER_MINUTE: '100000' } }),
      ProjectsHarness.start({
        topicPrefix: `${uniqueName('ratings-limited')}.`,
        env: { PROJECTS_PUBLIC_PER_MINUTE: '3', PROJECTS_TRUSTED_PROXY: '127.0.0.1' },
      }),
    ]);
    mongo = new MongoClient(process.env['MONGODB_URI']!);
    await establishCoBuildingCity(orgs);
    await eventually(async () => {
      const r = await gql(WAITAN, `mutation($input: ConveneCouncilInput!) { conveneCouncil(input: $input) { id } }`, {
        input: {
          councilId: 'c-rate',
          name: '外滩街道区域化党建联席会议',
          kind: 'JointConference',
          level: 'Street',
          convenerOrganizationId: 'waitan',
          street: 'waitan',
          convenedOn: '2026-02-01',
        },
      });
      expect(r.errors?.filter((e) => e.extensions?.code !== 'COUNCIL_ALREADY_EXISTS')).toBeFalsy();
    }, 120_000);
    await eventually(async () => {
      const r = await gql(WAITAN, `mutation($input: JoinCouncilInput!) { joinCouncil(input: $input) { id } }`, {
        input: { councilId: 'c-rate', unitId: 'u-bank', joinedOn: '2026-02-02' },
      });
      expect(r.errors?.filter((e) => e.extensions?.code !== 'UNIT_ALREADY_MEMBER')).toBeFalsy();
    }, 120_000);
    await eventually(async () => {
      const r = await gql(WAITAN, `mutation($input: JoinCouncilInput!) { joinCouncil(input: $input) { id } }`, {
        input: { councilId: 'c-rate', unitId: 'u-tech', joinedOn: '2026-02-02' },
      });
      expect(r.errors?.filter((e) => e.extensions?.code !== 'UNIT_ALREADY_MEMBER')).toBeFalsy();
    }, 120_000);
    await ok(WAITAN, 'holdCouncilSession', {
      councilId: 'c-rate',
      sessionId: 's-1',
      heldOn: '2026-03-05',
      attendingUnitIds: ['u-bank', 'u-tech'],
      resolutions: [{ number: 1, subject: '立项' }],
    });
    await completeProject('p-lift', 'n-lift', '加装电梯');
    await completeProject('p-garden', 'n-garden', '口袋花园');
    link1 = (await ratingLink('p-lift')).code;
    link2 = (await ratingLink('p-garden')).code;
  }, 400_000);
  afterAll(async () => {
    await mongo?.close();
    await Promise.all([svc?.stop(), limited?.stop()]);
    await orgs?.stop();
  });

  it('issues signed rating links to the council admins only: an absolute URL of the form and its QR code', async () => {
    const link = await ratingLink('p-lift', '2026-12-31');
    expect(link.path).toBe(`/public/rate?l=${link.code}`);
    expect(link.code).toMatch(/^[A-Za-z0-9_-]{20,80}$/);
    // PROJECTS_PUBLIC_BASE_URL unset: the service's own address (http://127.0.0.1:<PORT>)
    const url = new URL(link.url);
    expect(url.origin).toBe(svc.origin);
    expect(`${url.pathname}${url.search}`).toBe(link.path);
    expect(link.qrSvg.trimStart()).toMatch(/^<svg[\s>]/);
    expect(link.qrSvg.trimEnd()).toMatch(/<\/svg>$/);
    const refused = await gql(STRANGER, `mutation { projectRatingLink(projectId: "p-lift") { code } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const form = await publicPost(
      svc,
      `query($l: String!) { ratingForm(link: $l) { title councilName levels commentGuidance open } }`,
      { l: link1 },
    );
    expect(form.data?.['ratingForm']).toMatchObject({
      title: '加装电梯',
      councilName: '外滩街道区域化党建联席会议',
      levels: ['VerySatisfied', 'Satisfied', 'BasicallySatisfied', 'Dissatisfied'],
      open: true,
    });
  });

  it('serves the page a rating link opens: the project’s form only, under a strict CSP; a link that does not open, an error page', async () => {
    const link = await ratingLink('p-lift');
    const response = await fetch(link.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toContain('<h1>加装电梯</h1>');
    expect(html).toContain('外滩街道区域化党建联席会议');
    for (const label of ['非常满意', '满意', '基本满意', '不满意', '请勿填写姓名、手机号码', '手机号码'])
      expect(html).toContain(label);
    expect(html).toContain(`data-link="${link.code}"`);
    expect(html).toContain(`<script nonce="${nonce}">`);
    // one inline script, the nonced one; no external asset
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/\b(src|href)=/);
    // nothing of the other project
    expect(html).not.toContain('口袋花园');
    expect(html).not.toContain('p-garden');

    const page = (query: string) => fetch(`${svc.origin}/public/rate${query}`);
    const altered = link.code.slice(0, -2) + (link.code.endsWith('AA') ? 'BB' : 'AA');
    const key = linkKey(Buffer.from(svc.masterKey, 'base64'));
    const lapsed = signLinkCode(key, { purpose: 'rate', id: 'p-lift', validUntil: '2026-11-21' });
    const needLink = signLinkCode(key, { purpose: 'need', id: 'c-rate', validUntil: null });
    for (const [query, status] of [
      [`?l=${altered}`, 400],
      ['?l=not-a-link', 400],
      ['', 400],
      [`?l=${link.code}&l=${link.code}`, 400],
      [`?l=${needLink}`, 400],
      [`?l=${lapsed}`, 410],
    ] as const) {
      const refused = await page(query);
      const text = await refused.text();
      expect({ query, status: refused.status }).toEqual({ query, status });
      expect(refused.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(text).not.toContain('加装电梯');
      expect(text).not.toContain('外滩街道');
      expect(text).not.toMatch(/LINK_|link|stack|Error/);
    }
    // the rating link's page is no need form
    expect((await fetch(`${svc.origin}/public/need?l=${link.code}`)).status).toBe(400);
    expect((await fetch(link.url, { method: 'POST' })).status).toBe(404);
  });

  it('accepts a rating and refuses the same person’s second one, also when two race', async () => {
    const first = await rate(link1, '138 0013 8000', 'VerySatisfied');
    expect(first.errors).toBeUndefined();
    expect(first.data?.['rateProject']).toEqual({ level: 'VerySatisfied', comment: null });
    // the same number written another way is the same person
    const again = await rate(link1, '+86 13800138000', 'Dissatisfied');
    expect(codes(again)).toEqual([['PROJECT_ALREADY_RATED', 'link']]);
    const race = await Promise.all([rate(link1, '13900139000'), rate(link1, '139-0013-9000')]);
    expect(race.filter((r) => !r.errors).length).toBe(1);
    expect(race.flatMap(codes)).toEqual([['PROJECT_ALREADY_RATED', 'link']]);
    // another person, and the first person on another project
    expect((await rate(link1, '13700137000', 'Dissatisfied')).errors).toBeUndefined();
    expect((await rate(link2, '13800138000', 'VerySatisfied')).errors).toBeUndefined();
  });

  it('refuses a forged, altered or expired link, and a bad input, storing nothing', async () => {
    const commits = () => mongo.db(svc.database).collection('projects_commits').countDocuments({});
    const altered = link1.slice(0, -2) + (link1.endsWith('AA') ? 'BB' : 'AA');
    expect(codes(await rate(altered, '13600136000'))).toEqual([['LINK_INVALID', 'link']]);
    expect(codes(await rate('not-a-link', '13600136000'))).toEqual([['LINK_INVALID', 'link']]);
    const before = await commits();
    const expired = await ratingLink('p-lift', '2026-11-22');
    // valid through today (TODAY): still open; an expired one is refused — a link valid until yesterday is refused
    expect((await rate(expired.code, '13600136001')).errors).toBeUndefined();
    const accepted = before + 1; // that rating, and nothing of the refusals below
    const yesterday = await gql(
      WAITAN,
      `mutation { projectRatingLink(projectId: "p-lift", validUntil: "2026-11-21") { code } }`,
    );
    expect(yesterday.errors?.[0]?.extensions?.code).toBe('DATE_OUT_OF_ORDER');
    const key = linkKey(Buffer.from(svc.masterKey, 'base64'));
    const lapsed = signLinkCode(key, { purpose: 'rate', id: 'p-lift', validUntil: '2026-11-21' });
    expect(codes(await rate(lapsed, '13600136003'))).toEqual([['LINK_EXPIRED', 'link']]);
    // a need form's link is no rating link
    const needLink = signLinkCode(key, { purpose: 'need', id: 'p-lift', validUntil: null });
    expect(codes(await rate(needLink, '13600136004'))).toEqual([['LINK_INVALID', 'link']]);
    expect(codes(await rate(link1, '12345'))).toEqual([['BAD_USER_INPUT', 'contact']]);
    const badLevel = await rate(link1, '13600136002', 'Happy');
    expect(badLevel.errors?.[0]?.message).toMatch(/Happy/);
    expect(await commits()).toBe(accepted);
  });

  it('stores a comment screened of phone and ID numbers, nowhere in clear', async () => {
    const r = await rate(
      link1,
      '13500135000',
      'Satisfied',
      '电梯很好，有事打13912345678，我的身份证310101199001011234',
    );
    expect(r.errors).toBeUndefined();
    const stored = (r.data?.['rateProject'] as { comment: string }).comment;
    expect(stored).not.toMatch(/13912345678|310101199001011234/);
    await eventually(async () => {
      const commits = await mongo.db(svc.database).collection('projects_commits').find({}).toArray();
      const text = JSON.stringify(commits);
      expect(text).toContain('电梯很好');
      expect(text).not.toMatch(/13912345678|310101199001011234|13500135000|13800138000/);
    }, 30_000);
  });

  it('sends no rater’s phone, nor the phone or ID number typed into a comment, on Kafka (ProjectRated)', async () => {
    const kafka = new Kafka({
      clientId: 'ratings-test',
      brokers: requireEnv('KAFKA_BROKERS').split(','),
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: uniqueName('ratings-reader') });
    const messages: Array<{ key: string; type: string; text: string }> = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: `${topicPrefix}${PROJECTS_TOPICS.rating}`, fromBeginning: true });
      await consumer.run({
        eachMessage: ({ message }) => {
          const text = message.value?.toString('utf8') ?? '';
          const headers = message.headers ? Object.values(message.headers).map(String).join('\n') : '';
          messages.push({
            key: message.key?.toString('utf8') ?? '',
            type: (JSON.parse(text) as { type: string }).type,
            text: `${message.key?.toString('utf8') ?? ''}\n${text}\n${headers}`,
          });
          return Promise.resolve();
        },
      });
      // the six ratings accepted so far, the screened comment among them
      await eventually(() => {
        expect(messages.filter((m) => m.type === 'ProjectRated')).toHaveLength(6);
        return Promise.resolve();
      }, 60_000);
      expect(messages.every((m) => /^rating-p-(lift|garden)-[A-Za-z0-9_-]{32}$/.test(m.key))).toBe(true);
      const all = messages.map((m) => m.text).join('\n');
      expect(all).toContain('电梯很好');
      const phones = ['13800138000', '13900139000', '13700137000', '13600136001', '13500135000'];
      const typed = ['138 0013 8000', '139-0013-9000'];
      expect([...phones, ...typed, '13912345678', '310101199001011234'].filter((v) => all.includes(v))).toEqual([]);
    } finally {
      await consumer.disconnect();
    }
  }, 90_000);

  it('has nothing else on the public endpoint', async () => {
    const r = await publicPost(svc, `{ councils { totalCount } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(r.data ?? null).toBeNull();
  });

  it('counts the ratings into satisfaction and the district ranking', async () => {
    await eventually(async () => {
      const r = await gql(
        HUANGPU,
        `{ council(id: "c-rate") { satisfaction { ratings rate counts { verySatisfied dissatisfied } } }
           project(id: "p-lift") { satisfaction { ratings rate } }
           satisfaction(district: "huangpu") { ratings }
           street: satisfaction(district: "huangpu", street: "waitan") { ratings }
           satisfactionRanking(district: "huangpu") { totalCount edges { node { rank projectId title ratings rate } } } }`,
      );
      expect(r.errors).toBeUndefined();
      const council = (r.data?.['council'] as { satisfaction: { ratings: number } }).satisfaction;
      expect(council.ratings).toBe(6);
      expect((r.data?.['satisfaction'] as { ratings: number }).ratings).toBe(6);
      expect(r.data?.['project']).toEqual({ satisfaction: { ratings: 5, rate: 0.8 } });
      expect((r.data?.['street'] as { ratings: number }).ratings).toBe(6);
      const ranking = r.data?.['satisfactionRanking'] as { edges: Array<{ node: Record<string, unknown> }> };
      expect(ranking.edges.map((e) => e.node)).toEqual([
        { rank: 1, projectId: 'p-garden', title: '口袋花园', ratings: 1, rate: 1 },
        { rank: 2, projectId: 'p-lift', title: '加装电梯', ratings: 5, rate: 0.8 },
      ]);
    }, 60_000);
    const outside = await gql(XUHUI, `{ satisfaction(district: "huangpu") { ratings } }`);
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const city = await gql(CITY, `{ satisfactionRanking(district: "huangpu", minRatings: 2) { totalCount } }`);
    expect(city.data?.['satisfactionRanking']).toEqual({ totalCount: 1 });
  });

  it('selects the most creative project: nominations, one vote per member unit, the result', async () => {
    const fields =
      'version nominations { projectId } votes { unitId projectId } tally { projectId votes } result { projectId votes }';
    for (const projectId of ['p-lift', 'p-garden'])
      await ok(
        WAITAN,
        'nominateCreativeProject',
        { councilId: 'c-rate', period: '2026', projectId, nominatedOn: '2026-07-01' },
        fields,
      );
    await ok(
      WAITAN,
      'voteCreativeProject',
      { councilId: 'c-rate', period: '2026', unitId: 'u-bank', projectId: 'p-garden', votedOn: '2026-07-02' },
      fields,
    );
    const twice = await gql(
      WAITAN,
      `mutation($input: VoteCreativeProjectInput!) { voteCreativeProject(input: $input) { version } }`,
      { input: { councilId: 'c-rate', period: '2026', unitId: 'u-bank', projectId: 'p-lift', votedOn: '2026-07-02' } },
    );
    expect(codes(twice)).toEqual([['VOTE_ALREADY_CAST', 'unitId']]);
    const stranger = await gql(
      STRANGER,
      `mutation($input: VoteCreativeProjectInput!) { voteCreativeProject(input: $input) { version } }`,
      { input: { councilId: 'c-rate', period: '2026', unitId: 'u-tech', projectId: 'p-lift', votedOn: '2026-07-02' } },
    );
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await ok(
      WAITAN,
      'voteCreativeProject',
      { councilId: 'c-rate', period: '2026', unitId: 'u-tech', projectId: 'p-lift', votedOn: '2026-07-03' },
      fields,
    );
    const tied = await gql(
      WAITAN,
      `mutation($input: SelectCreativeProjectInput!) { selectCreativeProject(input: $input) { version } }`,
      { input: { councilId: 'c-rate', period: '2026', selectedOn: '2026-07-04' } },
    );
    expect(codes(tied)).toEqual([['SELECTION_TIED', 'tieBreak']]);
    const selected = await ok(
      WAITAN,
      'selectCreativeProject',
      { councilId: 'c-rate', period: '2026', tieBreak: 'p-garden', selectedOn: '2026-07-04' },
      fields,
    );
    expect(selected['result']).toEqual({ projectId: 'p-garden', votes: 1 });
    const read = await gql(
      WAITAN,
      `{ council(id: "c-rate") { creativeProjectSelection(period: "2026") { ${fields} } } }`,
    );
    expect((read.data?.['council'] as Record<string, unknown>)['creativeProjectSelection']).toMatchObject({
      version: 5,
      nominations: [{ projectId: 'p-lift' }, { projectId: 'p-garden' }],
      result: { projectId: 'p-garden', votes: 1 },
    });
  });

  it('limits each client address per minute across the endpoint (RATE_LIMITED), by X-Forwarded-For behind a trusted proxy', async () => {
    const query = `query { ratingForm(link: "x") { title } }`;
    const from = (address: string) => publicPost(limited, query, {}, { 'x-forwarded-for': address });
    for (let i = 0; i < 3; i++) expect(codes(await from('203.0.113.7'))).toEqual([['LINK_INVALID', 'link']]);
    const over = await from('203.0.113.7');
    expect(over.status).toBe(429);
    expect(codes(over)).toEqual([['RATE_LIMITED', null]]);
    // another client behind the same proxy has its own allowance
    expect(codes(await from('203.0.113.8'))).toEqual([['LINK_INVALID', 'link']]);
    // counted under a keyed hash of the address: no client address is stored
    const counters = await mongo.db(limited.database).collection('public_rate_counters').find({}).toArray();
    expect(counters.length).toBeGreaterThan(0);
    expect(JSON.stringify(counters)).not.toMatch(/203\.0\.113|127\.0\.0\.1/);
  });
});
