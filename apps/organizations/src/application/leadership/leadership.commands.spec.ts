import { testCaller as caller } from '@lianjian/testing';
import { establishedTree, inMemoryApplication } from '../../testing/in-memory-application';

const CITY = caller('CITY_ADMIN');
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal, but the command was accepted');
    },
    (error: unknown) => error,
  );

describe('elections on in-memory ports', () => {
  it("elects a community committee's leadership for the configured term, recorded on its stream", async () => {
    const app = inMemoryApplication();
    await establishedTree(app, CITY);
    const elected = await app.leadership.electLeadership(caller('ORGANIZATION_ADMIN', { organizationId: 'c-1' }), {
      organizationId: 'c-1',
      electedOn: '2021-12-20',
      secretary: { name: '王书记' },
      committeeMembers: [{ name: '赵委员', memberId: 'm-7' }],
    });
    // a community committee's term is five years (the rules' defaults)
    expect(elected.leadership).toMatchObject({
      secretary: { maskedName: '王*记', memberId: null },
      deputySecretaries: [],
      committeeMembers: [{ maskedName: '赵*员', memberId: 'm-7' }],
      termYears: 5,
      termEndsOn: '2026-12-20',
    });
    expect(elected.version).toBe(2);
    const events = await app.store.readStream('organization-c-1');
    expect(events.map((e) => e.type)).toEqual(['OrganizationEstablished', 'LeadershipElected']);
    expect(events[1]!.schemaVersion).toBe(2);
    expect(JSON.stringify([events, elected])).not.toMatch(/王书记|赵委员/); // the clear names are not kept
  });

  it('keeps an election to the organization and those above it, and refuses one dated in the future', async () => {
    const app = inMemoryApplication('2026-11-22');
    await establishedTree(app, CITY);
    const input = { organizationId: 'c-1', electedOn: '2025-01-10', secretary: { name: '钱书记' } };
    expect(
      await refusal(app.leadership.electLeadership(caller('DISTRICT_ADMIN', { district: 'xuhui' }), input)),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusal(app.leadership.electLeadership(caller('ORGANIZATION_ADMIN', { organizationId: 'b-1' }), input)),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(app.leadership.electLeadership(CITY, { ...input, electedOn: '2026-11-23' }))).toMatchObject({
      code: 'DATE_IN_FUTURE',
      field: 'electedOn',
    });
    expect((await app.store.readStream('organization-c-1')).length).toBe(1);
    await expect(
      app.leadership.electLeadership(caller('DISTRICT_ADMIN', { district: 'huangpu' }), input),
    ).resolves.toMatchObject({ leadership: { termEndsOn: '2030-01-10' } });
  });
});
