import { type Caller } from '@lianjian/auth';
import { OrganizationsProcess, eventually, testCaller, uniqueName } from '@lianjian/testing';
import { establishCoBuildingCity } from './testing/co-building-fixture';
import { ProjectsHarness } from './testing/projects-harness';

const CITY = testCaller('CITY_ADMIN');
const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });
const XUHUI = testCaller('DISTRICT_ADMIN', { district: 'xuhui' });
const WAITAN = testCaller('ORGANIZATION_ADMIN', { organizationId: 'waitan' });
const TECH_ADMIN = testCaller('ORGANIZATION_ADMIN', { organizationId: 'b-tech' });
const REPRESENTATIVE = testCaller('MEMBER', { memberId: 'm-rep', organizationId: 'b-other' });
const STRANGER = testCaller('MEMBER', { memberId: 'm-stranger', organizationId: 'b-other' });

const COUNCIL = `id name kind level region { district street community } convener { id } version
  memberUnits { unit { id } organization { id } representative { id } joinedOn leftOn }
  memberUnitHistory { unit { id } leftOn } committee { seatId title unit { id } holder { id } }
  sessions { sessionId heldOn attendingUnits { id } resolutions { number subject } }`;

/**
 * Joint councils on the real services, database and Kafka: the organizations service's tree and unit registry reach
 * the projects service as events; a council convened by the Waitan street's working committee, units joining (their
 * party organization found from coverage) and leaving with history kept, a seat, a session; who may see and change
 * it; and the refusals with their codes and fields.
 */
describe('joint councils', () => {
  const topicPrefix = `${uniqueName('councils')}.`;
  let orgs: OrganizationsProcess;
  let svc: ProjectsHarness;
  const mutate = (caller: Caller, name: string, input: Record<string, unknown>) =>
    svc.gql<Record<string, { id: string } & Record<string, unknown>>>(
      caller,
      `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${COUNCIL} } }`,
      { input },
    );

  beforeAll(async () => {
    orgs = await OrganizationsProcess.start(topicPrefix);
    svc = await ProjectsHarness.start({ topicPrefix });
    await establishCoBuildingCity(orgs);
    // the projects service knows the street, the firm's branch and its coverage once their events arrived
    await eventually(async () => {
      const r = await mutate(CITY, 'conveneCouncil', {
        councilId: 'probe',
        name: '探针',
        kind: 'JointConference',
        level: 'Community',
        convenerOrganizationId: 'ruijin',
        street: 'waitan',
        community: 'ruijin',
        convenedOn: '2026-01-01',
      });
      expect(r.errors).toBeUndefined();
    }, 120_000);
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await orgs?.stop();
  });

  it('convenes a street council, lets units join with their organization and representative, and keeps history', async () => {
    const convened = await mutate(WAITAN, 'conveneCouncil', {
      councilId: 'c-waitan',
      name: '外滩街道区域化党建联席会议',
      kind: 'JointConference',
      level: 'Street',
      convenerOrganizationId: 'waitan',
      street: 'waitan',
      convenedOn: '2026-02-01',
    });
    expect(convened.errors).toBeUndefined();
    expect(convened.data?.['conveneCouncil']).toMatchObject({
      id: 'c-waitan',
      level: 'Street',
      region: { district: 'huangpu', street: 'waitan', community: null },
      convener: { id: 'waitan' },
      version: 1,
    });
    await eventually(async () => {
      const joined = await mutate(WAITAN, 'joinCouncil', {
        councilId: 'c-waitan',
        unitId: 'u-tech',
        representativeMemberId: 'm-rep',
        joinedOn: '2026-02-02',
      });
      expect(joined.errors).toBeUndefined();
      // the firm's branch covers it: its party organization without being named
      expect(joined.data?.['joinCouncil']?.['memberUnits']).toEqual([
        {
          unit: { id: 'u-tech' },
          organization: { id: 'b-tech' },
          representative: { id: 'm-rep' },
          joinedOn: '2026-02-02',
          leftOn: null,
        },
      ]);
    }, 60_000);
    for (const unitId of ['u-bank', 'u-school'])
      expect(
        (await mutate(HUANGPU, 'joinCouncil', { councilId: 'c-waitan', unitId, joinedOn: '2026-02-03' })).errors,
      ).toBeUndefined();
    const seat = await mutate(WAITAN, 'fillCommitteeSeat', {
      councilId: 'c-waitan',
      seatId: 'chair',
      title: 'Chair',
      unitId: 'u-tech',
      representativeMemberId: 'm-rep',
      filledOn: '2026-02-05',
    });
    expect(seat.data?.['fillCommitteeSeat']?.['committee']).toEqual([
      { seatId: 'chair', title: 'Chair', unit: { id: 'u-tech' }, holder: { id: 'm-rep' } },
    ]);
    const session = await mutate(WAITAN, 'holdCouncilSession', {
      councilId: 'c-waitan',
      sessionId: 's-1',
      heldOn: '2026-03-01',
      attendingUnitIds: ['u-tech', 'u-bank'],
      resolutions: [{ number: 1, subject: '老旧小区加装电梯项目立项' }],
    });
    expect(session.data?.['holdCouncilSession']?.['sessions']).toEqual([
      {
        sessionId: 's-1',
        heldOn: '2026-03-01',
        attendingUnits: [{ id: 'u-tech' }, { id: 'u-bank' }],
        resolutions: [{ number: 1, subject: '老旧小区加装电梯项目立项' }],
      },
    ]);
    const left = await mutate(WAITAN, 'leaveCouncil', {
      councilId: 'c-waitan',
      unitId: 'u-school',
      leftOn: '2026-04-01',
    });
    expect(left.data?.['leaveCouncil']?.['memberUnits']).toHaveLength(2);
    expect(left.data?.['leaveCouncil']?.['memberUnitHistory']).toContainEqual({
      unit: { id: 'u-school' },
      leftOn: '2026-04-01',
    });
  });

  it('shows a council to its scope, its units’ representatives and organizations, and to nobody else', async () => {
    const read = async (caller: Caller) =>
      (await svc.ok<{ council: { id: string } | null }>(caller, `query { council(id: "c-waitan") { id } }`)).council
        ?.id ?? null;
    for (const caller of [CITY, HUANGPU, WAITAN, TECH_ADMIN, REPRESENTATIVE, testCaller('ANALYTICS_READER')])
      expect(await read(caller)).toBe('c-waitan');
    for (const caller of [XUHUI, STRANGER, testCaller('ORGANIZATION_ADMIN', { organizationId: 'xh-street' })])
      expect(await read(caller)).toBeNull();
    const list = async (caller: Caller, district?: string) =>
      (
        await svc.ok<{ councils: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
          caller,
          `query($d: String) { councils(district: $d) { totalCount edges { node { id } } } }`,
          { d: district ?? null },
        )
      ).councils.edges.map((e) => e.node.id);
    expect(await list(HUANGPU)).toEqual(expect.arrayContaining(['c-waitan', 'probe']));
    expect(await list(REPRESENTATIVE)).toEqual(['c-waitan']);
    expect(await list(TECH_ADMIN)).toEqual(['c-waitan']);
    expect(await list(XUHUI)).toEqual([]);
    expect(await svc.code(XUHUI, `query { councils(district: "huangpu") { totalCount } }`)).toMatchObject({
      code: 'FORBIDDEN',
    });
    const byOrganization = await svc.ok<{ _entities: Array<{ councils: Array<{ id: string }> }> }>(
      HUANGPU,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { councils { id } } } }`,
      {
        r: [
          { __typename: 'Organization', id: 'waitan' },
          { __typename: 'Organization', id: 'ruijin' },
        ],
      },
    );
    expect(byOrganization._entities.map((e) => e.councils.map((c) => c.id))).toEqual([['c-waitan'], ['probe']]);
  });

  it('refuses what the rules and scopes forbid, with the code and the field', async () => {
    const refusal = async (caller: Caller, name: string, input: Record<string, unknown>) => {
      const r = await mutate(caller, name, input);
      return { code: r.errors?.[0]?.extensions?.['code'], field: r.errors?.[0]?.extensions?.['field'] ?? null };
    };
    expect(
      await refusal(XUHUI, 'joinCouncil', { councilId: 'c-waitan', unitId: 'u-school', joinedOn: '2026-05-01' }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusal(REPRESENTATIVE, 'holdCouncilSession', {
        councilId: 'c-waitan',
        heldOn: '2026-05-01',
        attendingUnitIds: ['u-tech'],
        resolutions: [],
      }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusal(WAITAN, 'joinCouncil', { councilId: 'c-waitan', unitId: 'u-tech', joinedOn: '2026-05-01' }),
    ).toEqual({ code: 'UNIT_ALREADY_MEMBER', field: 'unitId' });
    expect(
      await refusal(WAITAN, 'joinCouncil', { councilId: 'c-waitan', unitId: 'u-nowhere', joinedOn: '2026-05-01' }),
    ).toEqual({ code: 'UNIT_NOT_FOUND', field: 'unitId' });
    expect(
      await refusal(WAITAN, 'joinCouncil', { councilId: 'c-none', unitId: 'u-bank', joinedOn: '2026-05-01' }),
    ).toEqual({ code: 'COUNCIL_NOT_FOUND', field: 'councilId' });
    expect(
      await refusal(WAITAN, 'holdCouncilSession', {
        councilId: 'c-waitan',
        heldOn: '2026-05-01',
        attendingUnitIds: ['u-school'],
        resolutions: [],
      }),
    ).toEqual({ code: 'SESSION_ATTENDEE_NOT_MEMBER', field: 'attendingUnitIds' });
    expect(
      await refusal(WAITAN, 'conveneCouncil', {
        name: '区级',
        kind: 'JointConference',
        level: 'District',
        convenerOrganizationId: 'huangpu',
        convenedOn: '2026-05-01',
      }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusal(HUANGPU, 'conveneCouncil', {
        name: '错误日期的会议',
        kind: 'JointConference',
        level: 'Street',
        convenerOrganizationId: 'waitan',
        convenedOn: '2026-13-01',
      }),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'convenedOn' });
    // a street's committee convenes for its own street only
    expect(
      await refusal(WAITAN, 'conveneCouncil', {
        name: '别的街道的会议',
        kind: 'JointConference',
        level: 'Street',
        convenerOrganizationId: 'waitan',
        street: 'xujiahui',
        convenedOn: '2026-05-01',
      }),
    ).toEqual({ code: 'COUNCIL_INVALID', field: 'street' });
  });
});
