import { eventually, testCaller, uniqueName } from '@lianjian/testing';
import { MembersHarness, OrganizationsProcess, citizenId } from './testing/members-harness';

const CITY = testCaller('CITY_ADMIN');
const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });

/** Reveals of full ID numbers and phones, limited per request and per caller and hour (docs/adr/0010). */
describe('reveal limits on a real database', () => {
  const topicPrefix = `${uniqueName('reveals')}.`;
  let orgs: OrganizationsProcess;
  let svc: MembersHarness;
  let memberId: string;
  const idNumber = citizenId('19880808', 321);

  beforeAll(async () => {
    [orgs, svc] = await Promise.all([
      OrganizationsProcess.start(topicPrefix),
      MembersHarness.start({
        topicPrefix,
        env: { MEMBERS_REVEALS_PER_REQUEST: '20', MEMBERS_REVEALS_PER_HOUR: '50' },
      }),
    ]);
    await orgs.establishCityAndHuangpu();
    const region = (district: string | null) => ({ district, street: null, community: null });
    await orgs.establish({
      organizationId: 'b-1',
      name: '第一联合党支部',
      organizationType: 'JointBranch',
      parentId: 'huangpu',
      region: region('huangpu'),
    });
    const registered = await eventually(
      () =>
        svc.ok<{ registerMember: { id: string } }>(
          HUANGPU,
          `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`,
          {
            input: {
              organizationId: 'b-1',
              name: '王小明',
              idNumber,
              phone: '13800001234',
              ethnicity: '汉族',
              education: '本科',
              category: 'Employed',
              appliedOn: '2010-01-01',
              joinedOn: '2012-07-01',
              fullMembershipOn: '2013-07-01',
            },
          },
        ),
      60_000,
    );
    memberId = registered.registerMember.id;
  }, 300_000);
  afterAll(async () => Promise.all([svc?.stop(), orgs?.stop()]));

  const aliases = (n: number) =>
    `query($id: ID!) { member(id: $id) { ${Array.from({ length: n }, (_, i) => `r${i}: idNumber(reveal: true)`).join(' ')} } }`;
  const audited = async () =>
    (
      await svc.ok<{ personalDataAudit: unknown[] }>(
        CITY,
        `query($id: ID!) { personalDataAudit(memberId: $id) { at } }`,
        {
          id: memberId,
        },
      )
    ).personalDataAudit.length;

  it('reveals at most the per-request limit in one request, each refusal with its code, audited once per reveal', async () => {
    const caller = testCaller('DISTRICT_ADMIN', { district: 'huangpu', subject: 'per-request' });
    const result = await svc.gql<{ member: Record<string, string | null> }>(caller, aliases(25), { id: memberId });
    const values = Object.values(result.data?.member ?? {});
    expect(values.filter((v) => v === idNumber)).toHaveLength(20);
    expect(values.filter((v) => v === null)).toHaveLength(5);
    expect(result.errors).toHaveLength(5);
    expect(result.errors?.[0]).toMatchObject({
      message: 'at most 20 full ID numbers or phones may be revealed in one request',
      extensions: { code: 'REVEAL_LIMIT_EXCEEDED', field: 'reveal' },
    });
    expect(await audited()).toBe(20);
  });

  it('reveals at most the hourly limit for one caller across requests, while other callers keep theirs', async () => {
    const caller = testCaller('DISTRICT_ADMIN', { district: 'huangpu', subject: 'per-hour' });
    const before = await audited();
    for (let i = 0; i < 5; i += 1) {
      const page = await svc.gql<{ member: Record<string, string | null> }>(caller, aliases(10), { id: memberId });
      expect({ request: i, errors: page.errors ?? [] }).toEqual({ request: i, errors: [] });
    }
    const over = await svc.gql(caller, aliases(1), { id: memberId });
    expect(over.errors?.[0]).toMatchObject({ extensions: { code: 'REVEAL_LIMIT_EXCEEDED', field: 'reveal' } });
    expect(over.errors?.[0]?.message).toMatch(/^at most 50 full ID numbers or phones may be revealed in an hour/);
    expect(await audited()).toBe(before + 50);
    const another = testCaller('DISTRICT_ADMIN', { district: 'huangpu', subject: 'another-admin' });
    expect((await svc.gql(another, aliases(1), { id: memberId })).errors).toBeUndefined();
  });
});
