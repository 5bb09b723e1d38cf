import { eventually, testCaller, uniqueName } from '@lianjian/testing';
import { MembersHarness, OrganizationsProcess, citizenId } from './testing/members-harness';

const CITY = testCaller('CITY_ADMIN');
const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });
const BRANCHES = 24;

/**
 * The race of ADRs 0008 and 0011 between the two services: a member registered to a branch at the moment the branch
 * is dissolved. Each service checks its own copy of the other's facts, so both can succeed; the organizations
 * service then learns of the registration and voids the dissolution. Run many times at once: in the end no member
 * stays below a dissolved organization.
 */
describe('a registration racing the dissolution of its branch, on two real services', () => {
  const topicPrefix = `${uniqueName('race')}.`;
  let orgs: OrganizationsProcess;
  let svc: MembersHarness;
  const branch = (i: number) => `race-${i}`;

  beforeAll(async () => {
    [orgs, svc] = await Promise.all([OrganizationsProcess.start(topicPrefix), MembersHarness.start({ topicPrefix })]);
    await orgs.establishCityAndHuangpu();
    const region = (district: string | null) => ({ district, street: null, community: null });
    for (let i = 0; i < BRANCHES; i += 1) {
      await orgs.establish({
        organizationId: branch(i),
        name: `楼宇联合党支部${i}`,
        organizationType: 'JointBranch',
        parentId: 'huangpu',
        region: region('huangpu'),
      });
    }
    // the members service knows every branch before the race starts
    await eventually(async () => {
      const r = await svc.gql(HUANGPU, `{ members(organizationId: "${branch(BRANCHES - 1)}") { totalCount } }`);
      if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
    }, 60_000);
  }, 300_000);
  afterAll(async () => Promise.all([svc?.stop(), orgs?.stop()]));

  it('never leaves a member below a dissolved organization', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: BRANCHES }, async (_, i) => {
        const [registered, dissolved] = await Promise.all([
          svc.gql(HUANGPU, `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`, {
            input: {
              organizationId: branch(i),
              name: '张明',
              idNumber: citizenId('19900101', 500 + 2 * i),
              ethnicity: '汉族',
              education: '本科',
              category: 'Employed',
              appliedOn: '2010-01-01',
              joinedOn: '2012-07-01',
              fullMembershipOn: '2013-07-01',
            },
          }),
          orgs.gql(
            HUANGPU,
            `mutation($id: ID!) { dissolveOrganization(input: { organizationId: $id, reason: "单位注销", documentNumber: "黄委〔2026〕9号" }) { status } }`,
            { id: branch(i) },
          ),
        ]);
        return { registered: !registered.errors?.length, dissolved: !dissolved.errors?.length };
      }),
    );
    // every pair settled one way or the other: the member registered, or the branch dissolved, or both
    expect(outcomes.every((o) => o.registered || o.dissolved)).toBe(true);
    await eventually(async () => {
      const states = await Promise.all(
        Array.from({ length: BRANCHES }, async (_, i) => {
          const org = await orgs.ok<{ organization: { status: string } }>(
            CITY,
            `query($id: ID!) { organization(id: $id) { status } }`,
            { id: branch(i) },
          );
          const members = await svc.ok<{ members: { totalCount: number } }>(
            CITY,
            `query($id: ID!) { members(organizationId: $id) { totalCount } }`,
            { id: branch(i) },
          );
          return { branch: branch(i), status: org.organization.status, members: members.members.totalCount };
        }),
      );
      expect(states.filter((s) => s.status === 'dissolved' && s.members > 0)).toEqual([]);
      // where both commands succeeded, the dissolution was voided and the branch holds its member
      for (const [i, outcome] of outcomes.entries())
        if (outcome.registered && outcome.dissolved) expect(states[i]).toMatchObject({ status: 'active', members: 1 });
    }, 60_000);
  }, 180_000);
});
