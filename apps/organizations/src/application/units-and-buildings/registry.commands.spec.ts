import { testCaller as caller } from '@lianjian/testing';
import { establishedTree, inMemoryApplication } from '../../testing/in-memory-application';

const CITY = caller('CITY_ADMIN');
const HUANGPU = caller('DISTRICT_ADMIN', { district: 'huangpu' });
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal, but the command was accepted');
    },
    (error: unknown) => error,
  );
const region = { district: 'huangpu', street: 'nanjing-east', community: null };
const profile = {
  name: '某科技公司',
  kind: 'Enterprise' as const,
  industry: '软件',
  employees: 120,
  aboveScale: true,
  buildingId: null,
  region,
};

describe('the registry and coverage on in-memory ports', () => {
  it('registers a unit in the admin’s district only, and a building it names must exist', async () => {
    const app = inMemoryApplication();
    const unit = await app.registry.registerUnit(HUANGPU, { unitId: 'u-1', profile });
    expect(unit).toMatchObject({ _id: 'u-1', version: 1, region: { district: 'huangpu', community: null } });
    expect((await app.store.readStream('unit-u-1')).map((e) => e.type)).toEqual(['UnitRegistered']);
    expect(
      await refusal(
        app.registry.registerUnit(caller('DISTRICT_ADMIN', { district: 'xuhui' }), { unitId: 'u-2', profile }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusal(app.registry.registerUnit(HUANGPU, { unitId: 'u-3', profile: { ...profile, buildingId: 'b-9' } })),
    ).toMatchObject({ code: 'BUILDING_NOT_FOUND', field: 'buildingId' });
    expect(await app.store.streamVersion('unit-u-2')).toBe(0);
  });

  it('covers registered units by an organization, and names the units it cannot find', async () => {
    const app = inMemoryApplication();
    await establishedTree(app, CITY);
    app.views.units.put(await app.registry.registerUnit(HUANGPU, { unitId: 'u-1', profile }));
    expect(
      await refusal(
        app.coverage.coverUnits(HUANGPU, { organizationId: 'b-1', unitIds: ['u-1', 'u-9'], covered: true }),
      ),
    ).toMatchObject({ code: 'UNIT_NOT_FOUND', field: 'unitIds' });
    const covering = await app.coverage.coverUnits(HUANGPU, {
      organizationId: 'b-1',
      unitIds: ['u-1'],
      covered: true,
      effectiveOn: '2024-01-02',
    });
    expect(covering).toMatchObject({ coveredUnitIds: ['u-1'], version: 2 });
    app.views.placeOrganization(covering);
    const uncovered = await app.coverage.coverUnits(HUANGPU, {
      organizationId: 'b-1',
      unitIds: ['u-1'],
      covered: false,
    });
    expect(uncovered).toMatchObject({ coveredUnitIds: [], version: 3 });
  });
});
