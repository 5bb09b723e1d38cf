import { type GraphQLSchema } from 'graphql';
import { dateInputsOf, dateRefusalOf, expectedDateRefusal, probeDateInput, subgraphSchema } from '@lianjian/testing';
import { CITY, OrganizationsHarness } from './testing/organizations-harness';

// 30 February, 29 February of a common year, a thirteenth month: each matches YYYY-MM-DD and none is a day.
const IMPOSSIBLE = ['2020-02-30', '2021-02-29', '2020-13-01'] as const;
const ESTABLISH = `mutation($input: EstablishOrganizationInput!) { establishOrganization(input: $input) { id establishedOn } }`;
const city = {
  organizationId: 'city',
  name: '市委',
  organizationType: 'Committee',
  parentId: null,
  region: { district: null, street: null, community: null },
  documentNumber: '沪委〔2020〕1号',
};

describe('organizations subgraph: every date is a real calendar date (GraphQL edge)', () => {
  let svc: OrganizationsHarness;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    svc = await OrganizationsHarness.start();
    schema = await subgraphSchema(svc, CITY);
    await svc.ok(CITY, ESTABLISH, { input: { ...city, establishedOn: '2020-02-29' } }); // a leap day is a day
  }, 120_000);
  afterAll(async () => svc?.stop());

  it('finds the date inputs of every mutation', () => {
    const found = dateInputsOf(schema).map((d) => `${d.mutation}.${d.path}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'establishOrganization.establishedOn',
        'renameOrganization.effectiveOn',
        'dissolveOrganization.effectiveOn',
        'electLeadership.electedOn',
        'openServicePoint.openedOn',
        'closeServicePoint.closedOn',
        'recordMeeting.heldOn',
      ]),
    );
    expect(found.length).toBeGreaterThanOrEqual(12);
  });

  it.each(IMPOSSIBLE)(
    'refuses %s in every date input of every mutation: BAD_USER_INPUT at the field, a real date passes',
    async (impossible) => {
      for (const input of dateInputsOf(schema)) {
        const probe = await probeDateInput(svc, CITY, schema, input, impossible);
        expect(dateRefusalOf(probe, input)).toEqual(expectedDateRefusal(input));
        expect(probe.accepted.filter((v) => v.field === input.path)).toEqual([]);
      }
    },
  );

  it('never establishes an organization on a day that does not exist; 29 February of a leap year is a day', async () => {
    for (const establishedOn of IMPOSSIBLE) {
      expect(
        await svc.code(CITY, ESTABLISH, { input: { ...city, organizationId: 'other', establishedOn } }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'establishedOn' });
    }
    expect(await svc.ok(CITY, '{ organization(id: "city") { establishedOn } }')).toEqual({
      organization: { establishedOn: '2020-02-29' },
    });
    expect(await svc.ok(CITY, '{ organization(id: "other") { id } }')).toEqual({ organization: null });
  });

  it('refuses an impossible date given as a query argument, with the argument as the field', async () => {
    expect(await svc.code(CITY, '{ organizationTreeAsOf(date: "2021-02-29") { id } }')).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'date',
    });
    expect(await svc.code(CITY, '{ organization(id: "city") { meetings(from: "2020-13-01") { id } } }')).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'from',
    });
    expect(await svc.code(CITY, '{ organization(id: "city") { meetings(to: "2020-02-30") { id } } }')).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'to',
    });
    expect(
      await svc.code(CITY, '{ organization(id: "city") { meetingCadence(asOf: "2021-02-29") { period } } }'),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    const asOf = await svc.gql(CITY, '{ organizationTreeAsOf(date: "2024-02-29") { id } }');
    expect(asOf.errors).toBeUndefined();
  });
});
