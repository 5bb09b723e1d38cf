import { OrganizationRuleViolation, decideServicePoint, decideUnit, evolveServicePoint, evolveUnit } from './index';

const profile = {
  name: '某科技公司',
  kind: 'Enterprise' as const,
  industry: 'software',
  employees: 120,
  aboveScale: true,
  buildingId: 'b1',
  region: { district: 'huangpu', street: 's', community: null },
};

describe('unit registry', () => {
  it('registers a unit once and records only real profile changes', () => {
    const [registered] = decideUnit({ kind: 'RegisterUnit', unitId: 'u1', profile }, null);
    const state = evolveUnit(null, registered!);
    expect(() => decideUnit({ kind: 'RegisterUnit', unitId: 'u1', profile }, state)).toThrow(OrganizationRuleViolation);
    expect(decideUnit({ kind: 'UpdateUnitProfile', changes: { employees: 150, industry: 'software' } }, state)).toEqual(
      [{ type: 'UnitProfileUpdated', data: { unitId: 'u1', employees: 150 } }],
    );
    expect(() => decideUnit({ kind: 'UpdateUnitProfile', changes: { employees: 120 } }, state)).toThrow(
      /already has this profile/,
    );
  });
});

describe('service points', () => {
  it('opens and closes a service point, which is not an organization', () => {
    const opened = decideServicePoint(
      {
        kind: 'OpenServicePoint',
        servicePointId: 'sp1',
        profile: {
          name: '楼宇党员服务点',
          kind: 'ServicePoint',
          hostOrganizationId: 'o1',
          buildingId: 'b1',
          region: profile.region,
        },
        openedOn: '2026-01-01',
        today: '2026-11-22',
      },
      null,
    );
    const state = opened.reduce(evolveServicePoint, null);
    expect(state).toMatchObject({ open: true, hostOrganizationId: 'o1' });
    const closed = decideServicePoint(
      { kind: 'CloseServicePoint', closedOn: '2026-11-01', today: '2026-11-22' },
      state,
    ).reduce(evolveServicePoint, state);
    expect(closed?.open).toBe(false);
    expect(() =>
      decideServicePoint({ kind: 'CloseServicePoint', closedOn: '2026-11-01', today: '2026-11-22' }, closed),
    ).toThrow(/not open/);
  });
});
