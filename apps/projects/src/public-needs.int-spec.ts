import { Kafka, logLevel } from 'kafkajs';
import { type Caller } from '@lianjian/auth';
import { MongoClient } from 'mongodb';
import { PROJECTS_TOPICS } from '@lianjian/projects-contracts';
import { NEED_CATEGORIES } from '@lianjian/projects-domain';
import { OrganizationsProcess, TODAY, eventually, requireEnv, testCaller, uniqueName } from '@lianjian/testing';
import { establishCoBuildingCity } from './testing/co-building-fixture';
import { linkKey, signLinkCode } from './public/link-code';
import { ProjectsHarness } from './testing/projects-harness';

const WAITAN = testCaller('ORGANIZATION_ADMIN', { organizationId: 'waitan' });
const XUHUI = testCaller('DISTRICT_ADMIN', { district: 'xuhui' });
const STRANGER = testCaller('MEMBER', { memberId: 'm-stranger', organizationId: 'b-other' });

const NAME = '李桂芳';
const PHONE = '13698765432';
const PHONE_TYPED = '136 9876 5432';

interface GqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string | null } }>;
}

const NEED_FORM = `query($l: String!) { needForm(link: $l) { councilName kinds categories } }`;
const SUBMIT = `mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { receiptCode } }`;
const RECEIPT = `query($c: String!) { needReceipt(code: $c) { kind status since reason takenUpByProject claimedByUnit } }`;

/**
 * A resident's need through the public form on the real service, database and Kafka: the council's admins issue the
 * form's signed link, a resident reads the form (the council's name and the categories, nothing else) and submits a
 * need with a contact, kept sealed in the store, the views and on Kafka; the receipt code tells where the need
 * stands (open, then declined with the council's reason); forged, expired and other links, a unit's submission and
 * bad input are refused with their code and field, storing nothing.
 */
describe('needs submitted by residents (the public form)', () => {
  const topicPrefix = `${uniqueName('public-needs')}.`;
  let orgs: OrganizationsProcess;
  let svc: ProjectsHarness;
  let mongo: MongoClient;
  let link = '';
  let receiptCode = '';
  let needId = '';

  const publicPost = async (query: string, variables: Record<string, unknown> = {}): Promise<GqlAnswer> => {
    const response = await fetch(`${svc.origin}/public/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GqlAnswer;
  };
  const codes = (r: GqlAnswer) => (r.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.field ?? null]);
  const submit = (input: Record<string, unknown>) =>
    publicPost(SUBMIT, {
      input: {
        link,
        kind: 'Need',
        category: 'PublicServices',
        title: '楼道灯坏了',
        description: '三号楼楼道灯坏了一个月',
        ...input,
      },
    });
  const db = () => mongo.db(svc.database);
  const commits = () => db().collection('projects_commits').countDocuments({});

  beforeAll(async () => {
    orgs = await OrganizationsProcess.start(topicPrefix);
    // the per-address rate limit is tested in ratings.int-spec.ts: these requests all come from one address
    svc = await ProjectsHarness.start({ topicPrefix, env: { PROJECTS_PUBLIC_PER_MINUTE: '100000' } });
    mongo = new MongoClient(requireEnv('MONGODB_URI'));
    await establishCoBuildingCity(orgs);
    await eventually(async () => {
      const r = await svc.gql(
        WAITAN,
        `mutation($input: ConveneCouncilInput!) { conveneCouncil(input: $input) { id } }`,
        {
          input: {
            councilId: 'c-need',
            name: '外滩街道区域化党建联席会议',
            kind: 'JointConference',
            level: 'Street',
            convenerOrganizationId: 'waitan',
            street: 'waitan',
            convenedOn: '2026-02-01',
          },
        },
      );
      expect(r.errors?.filter((e) => e.extensions?.['code'] !== 'COUNCIL_ALREADY_EXISTS')).toBeFalsy();
    }, 120_000);
    await eventually(async () => {
      const r = await svc.gql(WAITAN, `mutation($input: JoinCouncilInput!) { joinCouncil(input: $input) { id } }`, {
        input: { councilId: 'c-need', unitId: 'u-bank', joinedOn: '2026-02-02' },
      });
      expect(r.errors?.filter((e) => e.extensions?.['code'] !== 'UNIT_ALREADY_MEMBER')).toBeFalsy();
    }, 120_000);
  }, 300_000);
  afterAll(async () => {
    await mongo?.close();
    await svc?.stop();
    await orgs?.stop();
  });

  it("issues the need form's signed link to the council's admins only", async () => {
    const issued = await svc.ok<{ needFormLink: { code: string; path: string; validUntil: string | null } }>(
      WAITAN,
      `mutation { needFormLink(councilId: "c-need") { code path validUntil } }`,
    );
    link = issued.needFormLink.code;
    expect(issued.needFormLink).toEqual({ code: link, path: `/public/need?l=${link}`, validUntil: null });
    expect(link).toMatch(/^[A-Za-z0-9_-]{16,80}$/);
    expect(await svc.code(STRANGER, `mutation { needFormLink(councilId: "c-need") { code } }`)).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it("shows the form: the council's name and the categories, nothing else", async () => {
    const form = await publicPost(NEED_FORM, { l: link });
    expect(form.errors).toBeUndefined();
    expect(form.data).toEqual({
      needForm: {
        councilName: '外滩街道区域化党建联席会议',
        kinds: ['Need', 'Wish', 'Idea'],
        categories: [...NEED_CATEGORIES],
      },
    });
    // the form type has nothing more to ask for (no council id, members, needs)
    for (const field of ['councilId', 'id', 'members', 'needs', 'street'])
      expect(codes(await publicPost(`query($l: String!) { needForm(link: $l) { ${field} } }`, { l: link }))).toEqual([
        ['GRAPHQL_VALIDATION_FAILED', null],
      ]);
    expect(codes(await publicPost(`{ council(id: "c-need") { name } }`))).toEqual([
      ['GRAPHQL_VALIDATION_FAILED', null],
    ]);
  });

  it('serves the page the need form link opens (the council’s form under a strict CSP), an error page otherwise', async () => {
    const response = await fetch(`${svc.origin}/public/need?l=${link}`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    const html = await response.text();
    expect(html).toContain('外滩街道区域化党建联席会议');
    for (const label of ['需求', '微心愿', '公共服务', '评优创建', '标题', '具体内容', '地点', '联系方式（选填）'])
      expect(html).toContain(label);
    expect(html).toContain(`data-link="${link}"`);
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).not.toContain('c-need');
    const key = linkKey(Buffer.from(svc.masterKey, 'base64'));
    for (const [code, status] of [
      [link.slice(0, -2) + (link.endsWith('AA') ? 'BB' : 'AA'), 400],
      [signLinkCode(key, { purpose: 'rate', id: 'c-need', validUntil: null }), 400],
      [signLinkCode(key, { purpose: 'need', id: 'c-none', validUntil: null }), 400],
      [signLinkCode(key, { purpose: 'need', id: 'c-need', validUntil: '2026-11-21' }), 410],
    ] as const) {
      const refused = await fetch(`${svc.origin}/public/need?l=${code}`);
      const text = await refused.text();
      expect({ code, status: refused.status }).toEqual({ code, status });
      expect(text).not.toContain('外滩街道');
    }
  });

  it('refuses a forged, altered, expired or other-purpose link on the form and the submission, storing nothing', async () => {
    const before = await commits();
    const key = linkKey(Buffer.from(svc.masterKey, 'base64'));
    const otherKey = linkKey(Buffer.alloc(32, 9));
    const altered = link.slice(0, -2) + (link.endsWith('AA') ? 'BB' : 'AA');
    // [link, the form's refusal, the submission's refusal]
    const cases: Array<[string, string, string]> = [
      [altered, 'LINK_INVALID', 'LINK_INVALID'],
      ['not-a-link', 'LINK_INVALID', 'LINK_INVALID'],
      [signLinkCode(otherKey, { purpose: 'need', id: 'c-need', validUntil: null }), 'LINK_INVALID', 'LINK_INVALID'],
      // a rating link, a receipt code: other purposes
      [signLinkCode(key, { purpose: 'rate', id: 'c-need', validUntil: null }), 'LINK_INVALID', 'LINK_INVALID'],
      [signLinkCode(key, { purpose: 'receipt', id: 'c-need', validUntil: null }), 'LINK_INVALID', 'LINK_INVALID'],
      // genuine but valid until yesterday
      [signLinkCode(key, { purpose: 'need', id: 'c-need', validUntil: '2026-11-21' }), 'LINK_EXPIRED', 'LINK_EXPIRED'],
      // genuine, for no council
      [signLinkCode(key, { purpose: 'need', id: 'c-none', validUntil: null }), 'LINK_INVALID', 'COUNCIL_NOT_FOUND'],
    ];
    for (const [code, form, submission] of cases)
      expect({
        code,
        form: codes(await publicPost(NEED_FORM, { l: code })),
        submission: codes(await submit({ link: code, contact: { name: NAME, phone: PHONE } })),
      }).toEqual({ code, form: [[form, 'link']], submission: [[submission, 'link']] });
    // valid through today: accepted later in the flow (the link issued above has no end)
    const today = signLinkCode(key, { purpose: 'need', id: 'c-need', validUntil: TODAY });
    expect((await publicPost(NEED_FORM, { l: today })).errors).toBeUndefined();
    expect(await commits()).toBe(before);
  });

  it("refuses a unit's submission and invalid input with the field at fault, storing nothing", async () => {
    const before = await commits();
    expect(codes(await submit({ submitterKind: 'Unit' }))).toEqual([['BAD_USER_INPUT', 'submitterKind']]);
    expect(codes(await submit({ unitId: 'u-bank' }))).toEqual([['BAD_USER_INPUT', 'unitId']]);
    expect(codes(await submit({ title: '' }))).toEqual([['BAD_USER_INPUT', 'title']]);
    expect(codes(await submit({ title: '   ' }))).toEqual([['BAD_USER_INPUT', 'title']]);
    expect(codes(await submit({ description: '' }))).toEqual([['BAD_USER_INPUT', 'description']]);
    expect(codes(await submit({ contact: { name: NAME, phone: 'call me' } }))).toEqual([
      ['BAD_USER_INPUT', 'contact.phone'],
    ]);
    expect(codes(await submit({ contact: { name: NAME, phone: '1'.repeat(31) } }))).toEqual([
      ['BAD_USER_INPUT', 'contact.phone'],
    ]);
    expect(codes(await submit({ kind: 'Complaint' }))).toEqual([['BAD_USER_INPUT', 'kind']]);
    const inline = await publicPost(
      `mutation { submitNeed(input: { link: "${link}", kind: Need, category: PublicServices, title: "t",
        description: "d", submitterKind: Unit }) { receiptCode } }`,
    );
    expect(codes(inline)).toEqual([['GRAPHQL_VALIDATION_FAILED', null]]);
    expect(await commits()).toBe(before);
  });

  it("takes the resident's need with the contact sealed, shows it to the council's admins and gives a receipt", async () => {
    const submitted = await submit({
      kind: 'Need',
      category: 'PublicServices',
      title: '楼道灯坏了',
      description: '三号楼楼道灯坏了一个月',
      place: '瑞金二路 3 号楼',
      contact: { name: NAME, phone: PHONE_TYPED },
    });
    expect(submitted.errors).toBeUndefined();
    receiptCode = (submitted.data?.['submitNeed'] as { receiptCode: string }).receiptCode;
    expect(receiptCode).toMatch(/^[A-Za-z0-9_-]{20,80}$/);
    expect(JSON.stringify(submitted)).not.toMatch(new RegExp(`${PHONE}|${NAME}`));

    const listed = await svc.ok<{
      council: { needs: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> } };
    }>(
      WAITAN,
      `{ council(id: "c-need") { needs { totalCount edges { node { id councilId kind category title place
          submitterKind unit { id } channel hasContact submittedOn status since } } } } }`,
    );
    expect(listed.council.needs.totalCount).toBe(1);
    const node = listed.council.needs.edges[0]!.node;
    needId = node['id'] as string;
    expect(node).toEqual({
      id: needId,
      councilId: 'c-need',
      kind: 'Need',
      category: 'PublicServices',
      title: '楼道灯坏了',
      place: '瑞金二路 3 号楼',
      submitterKind: 'Resident',
      unit: null,
      channel: 'PublicForm',
      hasContact: true,
      submittedOn: TODAY,
      status: 'Open',
      since: TODAY,
    });
    expect(JSON.stringify(listed)).not.toMatch(new RegExp(`${PHONE}|${NAME}`));
    // the contact as the resident typed it, to the council's admins only
    const reveal = `mutation($id: ID!) { revealNeedContact(needId: $id) { name phone available } }`;
    expect(await svc.ok(WAITAN, reveal, { id: needId })).toEqual({
      revealNeedContact: { name: NAME, phone: PHONE_TYPED, available: true },
    });
    expect(await svc.code(STRANGER, reveal, { id: needId })).toMatchObject({ code: 'FORBIDDEN' });

    // sealed in the raw commits and the views
    const commit = (await db()
      .collection('projects_commits')
      .findOne({ streamId: `need-${needId}` })) as unknown as {
      events: Array<{ type: string; data: { contact: string; channel: string } }>;
    };
    expect(commit.events[0]!.type).toBe('NeedSubmitted');
    expect(commit.events[0]!.data.channel).toBe('PublicForm');
    expect(commit.events[0]!.data.contact).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    await eventually(async () => {
      const views = await db().collection('need_views').find({}).toArray();
      expect(JSON.stringify(views)).toContain(needId);
      const dump = JSON.stringify([await db().collection('projects_commits').find({}).toArray(), views]);
      expect(dump).not.toContain(NAME);
      expect(dump).not.toContain(PHONE);
      expect(dump).not.toContain(PHONE_TYPED);
    }, 30_000);
  });

  it('tells the receipt holder where the need stands: Open, then Declined with the reason', async () => {
    const open = await publicPost(RECEIPT, { c: receiptCode });
    expect(open.errors).toBeUndefined();
    expect(open.data?.['needReceipt']).toEqual({
      kind: 'Need',
      status: 'Open',
      since: TODAY,
      reason: null,
      takenUpByProject: false,
      claimedByUnit: false,
    });
    // the receipt says nothing of the contact, the council or the need's text
    expect(JSON.stringify(open.data)).not.toMatch(new RegExp(`${PHONE}|${NAME}|c-need|楼道灯`));

    await svc.ok(WAITAN, `mutation($input: DeclineNeedInput!) { declineNeed(input: $input) { id status } }`, {
      input: { needId, reason: '已列入物业维修计划', declinedOn: TODAY },
    });
    await eventually(async () => {
      const declined = await publicPost(RECEIPT, { c: receiptCode });
      expect(declined.data?.['needReceipt']).toEqual({
        kind: 'Need',
        status: 'Declined',
        since: TODAY,
        reason: '已列入物业维修计划',
        takenUpByProject: false,
        claimedByUnit: false,
      });
    }, 30_000);

    // the need form's link is no receipt code, nor is an altered one; a receipt of no need is null
    expect(codes(await publicPost(RECEIPT, { c: link }))).toEqual([['LINK_INVALID', 'code']]);
    const altered = receiptCode.slice(0, -2) + (receiptCode.endsWith('AA') ? 'BB' : 'AA');
    expect(codes(await publicPost(RECEIPT, { c: altered }))).toEqual([['LINK_INVALID', 'code']]);
    const key = linkKey(Buffer.from(svc.masterKey, 'base64'));
    const none = signLinkCode(key, { purpose: 'receipt', id: 'n-none', validUntil: null });
    expect(await publicPost(RECEIPT, { c: none })).toEqual({ data: { needReceipt: null } });
  });

  it("gives a need staff entered a receipt code, from the council's admins only, that the resident follows publicly", async () => {
    const entered = await svc.ok<{ submitNeed: { id: string } }>(
      WAITAN,
      `mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { id } }`,
      {
        input: {
          councilId: 'c-need',
          kind: 'Wish',
          category: 'SharedCommunityCulture',
          title: '社区读书角添置图书',
          description: '老人来电提出',
          submitterKind: 'Resident',
          submittedOn: TODAY,
        },
      },
    );
    const issue = (caller: Caller) =>
      svc.gql<{ needReceiptCode: string }>(caller, `mutation($n: ID!) { needReceiptCode(needId: $n) }`, {
        n: entered.submitNeed.id,
      });
    expect((await issue(STRANGER)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await issue(XUHUI)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const code = (await issue(WAITAN)).data!.needReceiptCode;
    expect((await publicPost(RECEIPT, { c: code })).data?.['needReceipt']).toMatchObject({
      kind: 'Wish',
      status: 'Open',
    });
  });

  it('sends no clear name or phone on Kafka (lianjian.projects.need.v1)', async () => {
    const kafka = new Kafka({
      clientId: 'public-needs-test',
      brokers: requireEnv('KAFKA_BROKERS').split(','),
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: uniqueName('public-needs-reader') });
    const messages: Array<{ key: string; type: string; text: string }> = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: `${topicPrefix}${PROJECTS_TOPICS.need}`, fromBeginning: true });
      await consumer.run({
        eachMessage: ({ message }) => {
          const text = message.value?.toString('utf8') ?? '';
          const headers = message.headers ? Object.values(message.headers).map(String).join('\n') : '';
          messages.push({
            key: message.key?.toString('utf8') ?? '',
            type: (JSON.parse(text) as { type: string }).type,
            text: `${text}\n${headers}`,
          });
          return Promise.resolve();
        },
      });
      await eventually(() => {
        // the resident's need (the staff-entered wish of the test before has no contact)
        expect(messages.filter((m) => m.key === `need-${needId}`).map((m) => [m.key, m.type])).toEqual([
          [`need-${needId}`, 'NeedSubmitted'],
          [`need-${needId}`, 'NeedDeclined'],
        ]);
        return Promise.resolve();
      }, 60_000);
      const all = messages.map((m) => m.text).join('\n');
      expect(all).toContain('楼道灯坏了');
      expect(all).not.toContain(PHONE);
      expect(all).not.toContain(PHONE_TYPED);
      expect(all).not.toContain(NAME);
    } finally {
      await consumer.disconnect();
    }
  }, 90_000);
});
