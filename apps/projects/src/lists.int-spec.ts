import { MongoClient } from 'mongodb';
import { type Caller } from '@lianjian/auth';
import { OrganizationsProcess, eventually, requireEnv, testCaller, uniqueName } from '@lianjian/testing';
import { establishCoBuildingCity } from './testing/co-building-fixture';
import { ProjectsHarness } from './testing/projects-harness';

const CITY = testCaller('CITY_ADMIN');
const WAITAN = testCaller('ORGANIZATION_ADMIN', { organizationId: 'waitan' });
const XUHUI = testCaller('DISTRICT_ADMIN', { district: 'xuhui' });
const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });
const TECH_ADMIN = testCaller('ORGANIZATION_ADMIN', { organizationId: 'b-tech' });
const REPRESENTATIVE = testCaller('MEMBER', { memberId: 'm-rep', organizationId: 'b-other' });
const STRANGER = testCaller('MEMBER', { memberId: 'm-stranger', organizationId: 'b-other' });

const NAME = '张秀兰';
const PHONE = '13812345678';

const NEED = `id councilId kind category title place submitterKind unit { id } channel hasContact submittedOn status
  projectId claimedBy { id } declineReason since version`;
const RESOURCE = `id councilId unit { id } kind title quantity remaining measure categories place availableFrom
  availableUntil withdrawnOn version`;
const PAIRING = `id councilId organizations { id } commitments { organization { id } commitment } from until endedOn
  endReason version`;

/**
 * The three lists and pairings on the real services, database and Kafka: needs, wishes and ideas submitted by staff
 * with the resident's contact sealed (never in clear in the store or the views), revealed to the council's admins
 * only and audited; declined, claimed and served with what the submitter is told; resources with their availability;
 * the council's matching; pairings in and out of scope; every refusal's code and field.
 */
describe('needs, resources, matching and pairings', () => {
  const topicPrefix = `${uniqueName('lists')}.`;
  let orgs: OrganizationsProcess;
  let svc: ProjectsHarness;
  const mutate = (caller: Caller, name: string, input: Record<string, unknown>, selection: string) =>
    svc.gql<Record<string, Record<string, unknown>>>(
      caller,
      `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${selection} } }`,
      { input },
    );
  const submit = (caller: Caller, input: Record<string, unknown>) =>
    mutate(caller, 'submitNeed', { councilId: 'c-lists', submittedOn: '2026-11-01', description: '', ...input }, NEED);
  const offer = (caller: Caller, input: Record<string, unknown>) =>
    mutate(caller, 'offerResource', { councilId: 'c-lists', offeredOn: '2026-10-01', ...input }, RESOURCE);
  const refusal = async (caller: Caller, name: string, input: Record<string, unknown>, selection = 'id') => {
    const r = await mutate(caller, name, input, selection);
    return { code: r.errors?.[0]?.extensions?.['code'], field: r.errors?.[0]?.extensions?.['field'] ?? null };
  };
  const needsOf = async (caller: Caller, args: string) =>
    (
      await svc.ok<{
        council: {
          needs: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            edges: Array<{ node: { id: string; status: string } }>;
          };
        } | null;
      }>(
        caller,
        `query { council(id: "c-lists") { needs${args} { totalCount pageInfo { hasNextPage endCursor } edges { node { id status } } } } }`,
      )
    ).council?.needs;

  beforeAll(async () => {
    orgs = await OrganizationsProcess.start(topicPrefix);
    svc = await ProjectsHarness.start({ topicPrefix });
    await establishCoBuildingCity(orgs);
    await eventually(async () => {
      const r = await mutate(
        WAITAN,
        'conveneCouncil',
        {
          councilId: 'c-lists',
          name: '外滩街道区域化党建联席会议',
          kind: 'JointConference',
          level: 'Street',
          convenerOrganizationId: 'waitan',
          street: 'waitan',
          convenedOn: '2026-02-01',
        },
        'id',
      );
      expect(r.errors).toBeUndefined();
    }, 120_000);
    await eventually(async () => {
      const r = await mutate(
        WAITAN,
        'joinCouncil',
        { councilId: 'c-lists', unitId: 'u-tech', representativeMemberId: 'm-rep', joinedOn: '2026-02-02' },
        'id',
      );
      expect(r.errors).toBeUndefined();
    }, 60_000);
    for (const unitId of ['u-bank', 'u-school'])
      expect(
        (await mutate(WAITAN, 'joinCouncil', { councilId: 'c-lists', unitId, joinedOn: '2026-02-03' }, 'id')).errors,
      ).toBeUndefined();
  }, 300_000);
  afterAll(async () => {
    await svc?.stop();
    await orgs?.stop();
  });

  it('takes needs, wishes and ideas by staff and lists them with filters and cursor paging', async () => {
    const need = await submit(WAITAN, {
      needId: 'n-lift',
      kind: 'Need',
      category: 'PublicServices',
      title: '老旧小区加装电梯',
      place: '瑞金二路100弄',
      submitterKind: 'Resident',
      contact: { name: NAME, phone: PHONE },
      submittedOn: '2026-10-01',
    });
    expect(need.errors).toBeUndefined();
    expect(need.data?.['submitNeed']).toMatchObject({
      id: 'n-lift',
      councilId: 'c-lists',
      kind: 'Need',
      submitterKind: 'Resident',
      unit: null,
      channel: 'Staff',
      hasContact: true,
      status: 'Open',
      version: 1,
    });
    expect(JSON.stringify(need.data)).not.toContain(PHONE);
    for (const input of [
      {
        needId: 'n-culture',
        kind: 'Need',
        category: 'SharedCommunityCulture',
        title: '社区读书角',
        submitterKind: 'OfficeWorker',
        submittedOn: '2026-10-05',
      },
      {
        needId: 'w-books',
        kind: 'Wish',
        category: 'PublicServices',
        title: '孩子的课外书',
        submitterKind: 'Resident',
        submittedOn: '2026-10-10',
      },
      {
        needId: 'w-shoes',
        kind: 'Wish',
        category: 'PublicServices',
        title: '一双运动鞋',
        submitterKind: 'Resident',
        submittedOn: '2026-10-11',
      },
    ])
      expect((await submit(WAITAN, input)).errors).toBeUndefined();
    // a member unit's representative submits for the unit
    const idea = await submit(REPRESENTATIVE, {
      needId: 'i-parking',
      kind: 'Idea',
      category: 'SocialValue',
      title: '错峰共享停车位',
      submitterKind: 'Unit',
      unitId: 'u-tech',
      submittedOn: '2026-10-20',
    });
    expect(idea.errors).toBeUndefined();
    expect(idea.data?.['submitNeed']).toMatchObject({ unit: { id: 'u-tech' }, submitterKind: 'Unit' });

    expect((await needsOf(WAITAN, ''))?.totalCount).toBe(5);
    expect((await needsOf(WAITAN, '(kind: Wish)'))?.edges.map((e) => e.node.id)).toEqual(['w-books', 'w-shoes']);
    expect((await needsOf(WAITAN, '(category: PublicServices)'))?.edges.map((e) => e.node.id)).toEqual([
      'n-lift',
      'w-books',
      'w-shoes',
    ]);
    expect((await needsOf(REPRESENTATIVE, '(kind: Idea, status: Open)'))?.edges.map((e) => e.node.id)).toEqual([
      'i-parking',
    ]);
    const first = await needsOf(WAITAN, '(first: 2)');
    expect(first?.edges.map((e) => e.node.id)).toEqual(['i-parking', 'n-culture']);
    expect(first?.pageInfo.hasNextPage).toBe(true);
    const second = await needsOf(WAITAN, `(first: 2, after: "${first!.pageInfo.endCursor}")`);
    expect(second?.edges.map((e) => e.node.id)).toEqual(['n-lift', 'w-books']);
    // outside the council's scope it does not exist
    expect((await svc.ok<{ need: unknown }>(XUHUI, `query { need(id: "n-lift") { id } }`)).need).toBeNull();
    expect(
      (await svc.ok<{ council: unknown }>(STRANGER, `query { council(id: "c-lists") { id } }`)).council,
    ).toBeNull();
    expect(
      (await svc.ok<{ need: { id: string } }>(REPRESENTATIVE, `query { need(id: "n-lift") { id } }`)).need,
    ).toEqual({
      id: 'n-lift',
    });
  });

  it('seals the contact (no clear name or phone in the store or the views) and reveals it to admins only, audited', async () => {
    const client = new MongoClient(requireEnv('MONGODB_URI'));
    await client.connect();
    try {
      const db = client.db(svc.database);
      const commit = (await db.collection('projects_commits').findOne({ streamId: 'need-n-lift' })) as unknown as {
        events: Array<{ type: string; data: { contact: string } }>;
      };
      expect(commit.events[0]!.type).toBe('NeedSubmitted');
      expect(commit.events[0]!.data.contact).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      const dump = JSON.stringify([
        await db.collection('projects_commits').find({}).toArray(),
        await db.collection('need_views').find({}).toArray(),
        await db.collection('project_lists').find({}).toArray(),
        await db.collection('need_keys').find({}).toArray(),
      ]);
      expect(dump).toContain('n-lift');
      expect(dump).not.toContain(PHONE);
      expect(dump).not.toContain(NAME);
      expect(await db.collection('need_keys').countDocuments({ _id: 'n-lift' as never })).toBe(1);

      const reveal = `mutation($id: ID!) { revealNeedContact(needId: $id) { name phone available } }`;
      expect(await svc.ok(WAITAN, reveal, { id: 'n-lift' })).toEqual({
        revealNeedContact: { name: NAME, phone: PHONE, available: true },
      });
      expect(await svc.code(REPRESENTATIVE, reveal, { id: 'n-lift' })).toMatchObject({ code: 'FORBIDDEN' });
      expect(await svc.code(TECH_ADMIN, reveal, { id: 'n-lift' })).toMatchObject({ code: 'FORBIDDEN' });
      expect(await svc.code(WAITAN, reveal, { id: 'n-none' })).toMatchObject({
        code: 'NEED_NOT_FOUND',
        field: 'needId',
      });
      const audit = await db.collection('need_contact_audit').find({ needId: 'n-lift' }).toArray();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ needId: 'n-lift', councilId: 'c-lists', subject: WAITAN.subject });
      expect(audit[0]!['at']).toBeInstanceOf(Date);
    } finally {
      await client.close();
    }
  });

  it('declines, lets a member unit claim a wish and serves it, each outcome on the need', async () => {
    const declined = await mutate(
      WAITAN,
      'declineNeed',
      { needId: 'n-culture', reason: '已由街道图书馆覆盖', declinedOn: '2026-11-02' },
      NEED,
    );
    expect(declined.data?.['declineNeed']).toMatchObject({
      status: 'Declined',
      declineReason: '已由街道图书馆覆盖',
      since: '2026-11-02',
    });
    const claimed = await mutate(
      REPRESENTATIVE,
      'claimWish',
      { needId: 'w-books', unitId: 'u-tech', claimedOn: '2026-11-03' },
      NEED,
    );
    expect(claimed.errors).toBeUndefined();
    expect(claimed.data?.['claimWish']).toMatchObject({ status: 'Claimed', claimedBy: { id: 'u-tech' } });
    const served = await mutate(REPRESENTATIVE, 'serveNeed', { needId: 'w-books', servedOn: '2026-11-10' }, NEED);
    expect(served.data?.['serveNeed']).toMatchObject({
      status: 'Served',
      claimedBy: { id: 'u-tech' },
      since: '2026-11-10',
    });
    expect((await needsOf(WAITAN, '(status: Open)'))?.edges.map((e) => e.node.id)).toEqual([
      'i-parking',
      'n-lift',
      'w-shoes',
    ]);
    expect((await needsOf(WAITAN, '(status: Declined)'))?.edges.map((e) => e.node.id)).toEqual(['n-culture']);
  });

  it('lists resources with their availability and matches open needs to them', async () => {
    const venue = await offer(REPRESENTATIVE, {
      resourceId: 'r-hall',
      unitId: 'u-tech',
      kind: 'Venue',
      title: '多功能厅',
      quantity: 120,
      measure: '平方米',
      categories: ['PublicServices'],
      place: '瑞金二路100弄',
      availableFrom: '2026-01-01',
    });
    expect(venue.errors).toBeUndefined();
    expect(venue.data?.['offerResource']).toMatchObject({
      id: 'r-hall',
      unit: { id: 'u-tech' },
      remaining: 120,
      availableUntil: null,
    });
    for (const input of [
      {
        resourceId: 'r-funds',
        unitId: 'u-bank',
        kind: 'Funds',
        title: '共建资金',
        quantity: 50000,
        measure: '元',
        categories: ['PublicServices', 'SharedCommunityCulture'],
        availableFrom: '2026-01-01',
        availableUntil: '2026-12-31',
      },
      {
        resourceId: 'r-team',
        unitId: 'u-bank',
        kind: 'Volunteers',
        title: '志愿者',
        quantity: 200,
        measure: '人',
        categories: ['PublicServices'],
        availableFrom: '2026-01-01',
      },
      {
        resourceId: 'r-old',
        unitId: 'u-school',
        kind: 'Venue',
        title: '操场',
        quantity: 1,
        measure: '处',
        categories: ['PublicServices'],
        availableFrom: '2026-01-01',
        availableUntil: '2026-06-30',
        offeredOn: '2026-01-01',
      },
      {
        resourceId: 'r-gone',
        unitId: 'u-school',
        kind: 'Expertise',
        title: '课后辅导',
        quantity: 10,
        measure: '小时',
        categories: ['PublicServices'],
        availableFrom: '2026-01-01',
      },
    ])
      expect((await offer(WAITAN, input)).errors).toBeUndefined();
    const withdrawn = await mutate(
      TECH_ADMIN,
      'withdrawResource',
      { resourceId: 'r-hall', withdrawnOn: '2026-11-01' },
      RESOURCE,
    );
    // the firm's branch admin acts for u-tech only
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data?.['withdrawResource']).toMatchObject({ withdrawnOn: '2026-11-01' });
    expect(
      await refusal(TECH_ADMIN, 'withdrawResource', { resourceId: 'r-gone', withdrawnOn: '2026-11-01' }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      (await mutate(WAITAN, 'withdrawResource', { resourceId: 'r-gone', withdrawnOn: '2026-11-01' }, 'id')).errors,
    ).toBeUndefined();

    const resources = async (args: string) =>
      (
        await svc.ok<{ council: { resources: { edges: Array<{ node: { id: string } }> } } }>(
          REPRESENTATIVE,
          `query { council(id: "c-lists") { resources${args} { edges { node { id } } } } }`,
        )
      ).council.resources.edges.map((e) => e.node.id);
    expect(await resources('')).toEqual(['r-funds', 'r-gone', 'r-hall', 'r-old', 'r-team']);
    expect(await resources('(availableOn: "2026-11-22")')).toEqual(['r-funds', 'r-team']);
    expect(await resources('(availableOn: "2026-03-01", kind: Venue)')).toEqual(['r-old']);
    expect(await resources('(category: SharedCommunityCulture)')).toEqual(['r-funds']);
    expect(
      await svc.code(
        WAITAN,
        `query { council(id: "c-lists") { resources(availableOn: "2026-02-30") { totalCount } } }`,
      ),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'availableOn',
    });
    expect(
      (await svc.ok<{ resource: unknown }>(XUHUI, `query { resource(id: "r-funds") { id } }`)).resource,
    ).toBeNull();

    // a new offer on the need's own place comes first; then the larger remaining; withdrawn or expired ones never
    expect(
      (
        await offer(WAITAN, {
          resourceId: 'r-room',
          unitId: 'u-school',
          kind: 'Venue',
          title: '活动室',
          quantity: 30,
          measure: '平方米',
          categories: ['PublicServices'],
          place: '瑞金二路100弄',
          availableFrom: '2026-11-01',
        })
      ).errors,
    ).toBeUndefined();
    const matches = await svc.ok<{
      council: {
        matches: Array<{
          need: { id: string };
          resources: Array<{ resource: { id: string }; nearness: string; remaining: number }>;
        }>;
      };
    }>(
      WAITAN,
      `query { council(id: "c-lists") { matches { need { id } resources { resource { id } nearness remaining } } } }`,
    );
    expect(matches.council.matches.map((m) => m.need.id)).toEqual(['n-lift', 'w-shoes', 'i-parking']);
    expect(matches.council.matches[0]!.resources).toEqual([
      { resource: { id: 'r-room' }, nearness: 'SamePlace', remaining: 30 },
      { resource: { id: 'r-funds' }, nearness: 'Elsewhere', remaining: 50000 },
      { resource: { id: 'r-team' }, nearness: 'Elsewhere', remaining: 200 },
    ]);
    expect(matches.council.matches[2]!.resources).toEqual([]);
    expect(
      (await svc.ok<{ council: unknown }>(STRANGER, `query { council(id: "c-lists") { matches { need { id } } } }`))
        .council,
    ).toBeNull();
  });

  it('agrees pairings for organizations in scope and ends them, refusing those out of scope', async () => {
    const agree = (input: Record<string, unknown>) => {
      const [a, b] = input['organizationIds'] as [string, string];
      return {
        commitments: [
          { organizationId: a, commitment: '每月一次志愿服务' },
          { organizationId: b, commitment: '提供党员活动场地' },
        ],
        from: '2026-03-01',
        until: '2027-02-28',
        ...input,
      };
    };
    // a council of Xuhui: outside Waitan's scope, Xuhui's admin writes for it
    expect(
      (
        await mutate(
          CITY,
          'conveneCouncil',
          {
            councilId: 'c-xujiahui',
            name: '徐家汇街道区域化党建联席会议',
            kind: 'JointConference',
            level: 'Street',
            convenerOrganizationId: 'xh-street',
            street: 'xujiahui',
            convenedOn: '2026-02-01',
          },
          'id',
        )
      ).errors,
    ).toBeUndefined();
    // the branch's admin writes for b-tech only, not for ruijin: it may not record ruijin's commitment
    expect(
      await refusal(
        TECH_ADMIN,
        'agreePairing',
        agree({ pairingId: 'p-tech', organizationIds: ['b-tech', 'ruijin'], councilId: 'c-lists' }),
      ),
    ).toEqual({ code: 'FORBIDDEN', field: null });
    expect(await refusal(TECH_ADMIN, 'agreePairing', agree({ organizationIds: ['ruijin', 'b-tech'] }))).toEqual({
      code: 'FORBIDDEN',
      field: null,
    });
    // Huangpu's admin writes for b-tech, not for a street of Xuhui; the city writes for both
    expect(await refusal(HUANGPU, 'agreePairing', agree({ organizationIds: ['b-tech', 'xh-street'] }))).toEqual({
      code: 'FORBIDDEN',
      field: null,
    });
    expect(
      (
        await mutate(
          CITY,
          'agreePairing',
          agree({ pairingId: 'p-cross', organizationIds: ['b-tech', 'xh-street'] }),
          'id',
        )
      ).errors,
    ).toBeUndefined();
    // a council it names is one the caller writes for: Xuhui's council is refused to Waitan (not COUNCIL_NOT_FOUND,
    // not attached), Waitan's to Xuhui's admin, though each writes for both organizations
    expect(
      await refusal(WAITAN, 'agreePairing', agree({ organizationIds: ['b-tech', 'ruijin'], councilId: 'c-xujiahui' })),
    ).toEqual({ code: 'FORBIDDEN', field: null });
    expect(
      await refusal(XUHUI, 'agreePairing', agree({ organizationIds: ['xuhui', 'xh-street'], councilId: 'c-lists' })),
    ).toEqual({ code: 'FORBIDDEN', field: null });
    expect(
      (
        await mutate(
          XUHUI,
          'agreePairing',
          agree({ organizationIds: ['xuhui', 'xh-street'], councilId: 'c-xujiahui' }),
          'id',
        )
      ).errors,
    ).toBeUndefined();
    expect((await svc.ok<{ pairing: unknown }>(CITY, `query { pairing(id: "p-tech") { id } }`)).pairing).toBeNull();
    const agreed = await mutate(
      WAITAN,
      'agreePairing',
      {
        pairingId: 'p-1',
        councilId: 'c-lists',
        organizationIds: ['b-tech', 'ruijin'],
        commitments: [
          { organizationId: 'b-tech', commitment: '每月一次志愿服务' },
          { organizationId: 'ruijin', commitment: '提供党员活动场地' },
        ],
        from: '2026-03-01',
        until: '2027-02-28',
      },
      PAIRING,
    );
    expect(agreed.errors).toBeUndefined();
    expect(agreed.data?.['agreePairing']).toMatchObject({
      id: 'p-1',
      councilId: 'c-lists',
      organizations: [{ id: 'b-tech' }, { id: 'ruijin' }],
      endedOn: null,
      version: 1,
    });
    expect(await refusal(XUHUI, 'agreePairing', agree({ organizationIds: ['b-tech', 'ruijin'] }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const pairings = await svc.ok<{ _entities: Array<{ pairings: Array<{ id: string }> }> }>(
      WAITAN,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { pairings { id } } } }`,
      {
        r: [
          { __typename: 'Organization', id: 'ruijin' },
          { __typename: 'Organization', id: 'b-tech' },
          { __typename: 'Organization', id: 'xh-street' },
        ],
      },
    );
    // the city's cross-district pairing is seen by Waitan through b-tech
    expect(pairings._entities.map((e) => e.pairings.map((p) => p.id))).toEqual([
      ['p-1'],
      ['p-1', 'p-cross'],
      ['p-cross'],
    ]);
    expect((await svc.ok<{ pairing: unknown }>(XUHUI, `query { pairing(id: "p-1") { id } }`)).pairing).toBeNull();
    expect(
      await refusal(XUHUI, 'endPairing', { pairingId: 'p-1', endedOn: '2026-11-01', reason: '调整' }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    // either side may end it: the branch's admin writes for b-tech only
    const ended = await mutate(
      TECH_ADMIN,
      'endPairing',
      { pairingId: 'p-1', endedOn: '2026-11-01', reason: '单位搬迁' },
      PAIRING,
    );
    expect(ended.data?.['endPairing']).toMatchObject({ endedOn: '2026-11-01', endReason: '单位搬迁', version: 2 });
    expect(await refusal(WAITAN, 'endPairing', { pairingId: 'p-1', endedOn: '2026-11-02', reason: '再次' })).toEqual({
      code: 'PAIRING_ALREADY_ENDED',
      field: 'pairingId',
    });
  });

  it('refuses bad input with the code and the field, for every command', async () => {
    const pairing = (input: Record<string, unknown>) => ({
      organizationIds: ['waitan', 'ruijin'],
      commitments: [
        { organizationId: 'waitan', commitment: '组织' },
        { organizationId: 'ruijin', commitment: '场地' },
      ],
      from: '2026-03-01',
      until: '2027-02-28',
      ...input,
    });
    const need = (input: Record<string, unknown>) => ({
      councilId: 'c-lists',
      kind: 'Need',
      category: 'PublicServices',
      title: '路灯维修',
      description: '',
      submitterKind: 'Resident',
      submittedOn: '2026-11-01',
      ...input,
    });
    const cases: Array<[Caller, string, Record<string, unknown>, { code: string; field?: string | null }]> = [
      [WAITAN, 'submitNeed', need({ submittedOn: '2026-12-01' }), { code: 'DATE_IN_FUTURE', field: 'submittedOn' }],
      [WAITAN, 'submitNeed', need({ submitterKind: 'Unit' }), { code: 'NEED_INVALID', field: 'unitId' }],
      [WAITAN, 'submitNeed', need({ councilId: 'c-none' }), { code: 'COUNCIL_NOT_FOUND', field: 'councilId' }],
      [WAITAN, 'submitNeed', need({ needId: 'n-lift' }), { code: 'NEED_ALREADY_EXISTS', field: 'needId' }],
      [
        WAITAN,
        'submitNeed',
        need({ contact: { phone: 'call me' } }),
        { code: 'BAD_USER_INPUT', field: 'contact.phone' },
      ],
      [STRANGER, 'submitNeed', need({}), { code: 'FORBIDDEN' }],
      [REPRESENTATIVE, 'submitNeed', need({ submitterKind: 'Unit', unitId: 'u-bank' }), { code: 'FORBIDDEN' }],
      [
        WAITAN,
        'declineNeed',
        { needId: 'n-culture', reason: '重复', declinedOn: '2026-11-05' },
        { code: 'NEED_STATE_NOT_ALLOWED', field: 'needId' },
      ],
      [
        REPRESENTATIVE,
        'declineNeed',
        { needId: 'w-shoes', reason: '不合适', declinedOn: '2026-11-05' },
        { code: 'FORBIDDEN' },
      ],
      [
        WAITAN,
        'declineNeed',
        { needId: 'w-shoes', reason: '不合适', declinedOn: '2026-13-05' },
        { code: 'BAD_USER_INPUT', field: 'declinedOn' },
      ],
      [
        WAITAN,
        'claimWish',
        { needId: 'n-lift', unitId: 'u-tech', claimedOn: '2026-11-05' },
        { code: 'NEED_NOT_A_WISH', field: 'needId' },
      ],
      [
        REPRESENTATIVE,
        'claimWish',
        { needId: 'w-shoes', unitId: 'u-school', claimedOn: '2026-11-05' },
        { code: 'FORBIDDEN' },
      ],
      [
        WAITAN,
        'serveNeed',
        { needId: 'w-shoes', servedOn: '2026-11-05' },
        { code: 'NEED_STATE_NOT_ALLOWED', field: 'needId' },
      ],
      [WAITAN, 'serveNeed', { needId: 'n-none', servedOn: '2026-11-05' }, { code: 'NEED_NOT_FOUND', field: 'needId' }],
      [
        WAITAN,
        'offerResource',
        {
          councilId: 'c-lists',
          unitId: 'u-bank',
          kind: 'Funds',
          title: '资金',
          quantity: 0,
          measure: '元',
          categories: ['PublicServices'],
          availableFrom: '2026-01-01',
          offeredOn: '2026-10-01',
        },
        { code: 'RESOURCE_INVALID', field: 'quantity' },
      ],
      [
        WAITAN,
        'offerResource',
        {
          councilId: 'c-lists',
          unitId: 'u-nowhere',
          kind: 'Funds',
          title: '资金',
          quantity: 5,
          measure: '元',
          categories: ['PublicServices'],
          availableFrom: '2026-01-01',
          offeredOn: '2026-10-01',
        },
        { code: 'UNIT_NOT_MEMBER', field: 'unitId' },
      ],
      [
        WAITAN,
        'offerResource',
        {
          councilId: 'c-lists',
          unitId: 'u-bank',
          kind: 'Funds',
          title: '资金',
          quantity: 5,
          measure: '元',
          categories: [],
          availableFrom: '2026-01-01',
          offeredOn: '2026-10-01',
        },
        { code: 'BAD_USER_INPUT', field: 'categories' },
      ],
      [
        REPRESENTATIVE,
        'offerResource',
        {
          councilId: 'c-lists',
          unitId: 'u-bank',
          kind: 'Funds',
          title: '资金',
          quantity: 5,
          measure: '元',
          categories: ['PublicServices'],
          availableFrom: '2026-01-01',
          offeredOn: '2026-10-01',
        },
        { code: 'FORBIDDEN' },
      ],
      [
        WAITAN,
        'withdrawResource',
        { resourceId: 'r-gone', withdrawnOn: '2026-11-05' },
        { code: 'RESOURCE_WITHDRAWN', field: 'resourceId' },
      ],
      [
        WAITAN,
        'withdrawResource',
        { resourceId: 'r-none', withdrawnOn: '2026-11-05' },
        { code: 'RESOURCE_NOT_FOUND', field: 'resourceId' },
      ],
      [
        WAITAN,
        'agreePairing',
        pairing({ organizationIds: ['waitan', 'waitan'] }),
        { code: 'PAIRING_INVALID', field: 'organizationIds' },
      ],
      [
        WAITAN,
        'agreePairing',
        pairing({ organizationIds: ['waitan', 'o-none'] }),
        { code: 'ORGANIZATION_NOT_FOUND', field: 'organizationIds' },
      ],
      [WAITAN, 'agreePairing', pairing({ until: '2026-02-01' }), { code: 'DATE_OUT_OF_ORDER', field: 'until' }],
      [
        WAITAN,
        'agreePairing',
        pairing({
          commitments: [
            { organizationId: 'waitan', commitment: '组织' },
            { organizationId: 'waitan', commitment: '宣传' },
          ],
        }),
        { code: 'PAIRING_INVALID', field: 'commitments' },
      ],
      [
        WAITAN,
        'endPairing',
        { pairingId: 'p-none', endedOn: '2026-11-05', reason: '结束' },
        { code: 'PAIRING_NOT_FOUND', field: 'pairingId' },
      ],
    ];
    for (const [caller, name, input, expected] of cases)
      expect({ name, ...(await refusal(caller, name, input)) }).toMatchObject({ name, ...expected });
    // a city admin may do it all
    expect((await mutate(CITY, 'agreePairing', pairing({ pairingId: 'p-city' }), 'id')).errors).toBeUndefined();
  });
});
