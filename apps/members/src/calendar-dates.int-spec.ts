import { type GraphQLSchema } from 'graphql';
import { type Caller } from '@lianjian/auth';
import {
  dateInputsOf,
  dateRefusalOf,
  expectedDateRefusal,
  probeDateInput,
  subgraphSchema,
  uniqueName,
} from '@lianjian/testing';
import { MembersHarness, citizenId } from './testing/members-harness';

// 30 February, 29 February of a common year, a thirteenth month: each matches YYYY-MM-DD and none is a day.
const IMPOSSIBLE_DATES = ['2020-02-30', '2021-02-29', '2020-13-01'] as const;
const HUANGPU: Caller = {
  subject: 'district_admin-1',
  role: 'DISTRICT_ADMIN',
  district: 'huangpu',
  organizationId: null,
  memberId: null,
};
const REGISTER = `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`;
const person = {
  organizationId: 'b-1',
  name: '党员',
  ethnicity: '汉族',
  education: '本科',
  category: 'Employed',
  idNumber: citizenId('19900101', 101),
};

describe('members subgraph: every date is a real calendar date (GraphQL edge)', () => {
  let svc: MembersHarness;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    svc = await MembersHarness.start({ topicPrefix: `${uniqueName('m')}.` });
    schema = await subgraphSchema(svc, HUANGPU);
  }, 120_000);
  afterAll(async () => svc?.stop());

  it('finds the date and month inputs of every mutation', () => {
    const found = dateInputsOf(schema).map((d) => `${d.mutation}.${d.path}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'registerMember.appliedOn',
        'registerMember.joinedOn',
        'registerMember.fullMembershipOn',
        'designateActivist.on',
        'approveAdmission.approvedOn',
        'recordLostContact.since',
        'recordLapseDecision.branchDecidedOn',
        'payDues.paidOn',
        'payDues.months',
        'issueDuesBills.month',
        'requestDuesReduction.fromMonth',
        'declareDuesBase.effectiveFrom',
      ]),
    );
    // a branch decision's vote has no date of its own: its day is the recorded meeting's (recordMeeting.heldOn)
    expect(found.filter((f) => f.includes('.vote.'))).toEqual([]);
  });

  it.each(IMPOSSIBLE_DATES)(
    'refuses %s in every date input of every mutation: BAD_USER_INPUT at the field, a real date passes',
    async (impossible) => {
      for (const input of dateInputsOf(schema).filter((d) => d.kind === 'date')) {
        const probe = await probeDateInput(svc, HUANGPU, schema, input, impossible);
        expect(dateRefusalOf(probe, input)).toEqual(expectedDateRefusal(input));
        expect(probe.accepted.filter((v) => v.field === input.path)).toEqual([]);
      }
    },
  );

  it.each(['2026-13', '2026-00', '2026-1'])('refuses the month %s in every month input', async (impossible) => {
    for (const input of dateInputsOf(schema).filter((d) => d.kind === 'month')) {
      const probe = await probeDateInput(svc, HUANGPU, schema, input, impossible);
      expect(dateRefusalOf(probe, input)).toEqual(expectedDateRefusal(input));
      expect(probe.accepted.filter((v) => v.field === input.path)).toEqual([]);
    }
  });

  it('refuses a registration whose history has a day that does not exist, naming the field', async () => {
    expect(await svc.code(HUANGPU, REGISTER, { input: { ...person, appliedOn: '2020-02-30' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'appliedOn',
    });
    expect(
      await svc.code(HUANGPU, REGISTER, { input: { ...person, appliedOn: '2010-01-01', joinedOn: '2021-02-29' } }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'joinedOn' });
    expect(
      await svc.code(HUANGPU, REGISTER, {
        input: { ...person, appliedOn: '2010-01-01', joinedOn: '2012-07-01', fullMembershipOn: '2020-13-01' },
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fullMembershipOn' });
  });

  it('refuses an impossible month given as a query argument, with the argument as the field', async () => {
    expect(
      await svc.code(
        HUANGPU,
        '{ duesCollection(organizationId: "b-1", fromMonth: "2026-13", toMonth: "2026-12") { fromMonth } }',
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fromMonth' });
  });
});
