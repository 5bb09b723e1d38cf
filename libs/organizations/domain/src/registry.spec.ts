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
        hostEstablishedOn: '2020-01-01',
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
  it('refuses to open a service point before its host organization existed, or to close it before it opened', () => {
    const open = (openedOn: string) =>
      decideServicePoint(
        {
          kind: 'OpenServicePoint',
          servicePointId: 'sp1',
          profile: {
            name: '服务点',
            kind: 'ServicePoint',
            hostOrganizationId: 'o1',
            buildingId: null,
            region: profile.region,
          },
          openedOn,
          hostEstablishedOn: '2020-06-01',
          today: '2026-11-22',
        },
        null,
      );
    expect(() => open('0001-01-01')).toThrow(
      expect.objectContaining({ code: 'DATE_BEFORE_HOST_ESTABLISHED', field: 'openedOn' }),
    );
    const state = open('2020-06-01').reduce(evolveServicePoint, null);
    expect(() =>
      decideServicePoint({ kind: 'CloseServicePoint', closedOn: '2020-05-31', today: '2026-11-22' }, state),
    ).toThrow(expect.objectContaining({ code: 'DATE_BEFORE_LAST_CHANGE', field: 'closedOn' }));
  });
});
