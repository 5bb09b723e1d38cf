import { summarizeBuildingCoverage } from './index';

describe('building coverage', () => {
  const units = [
    { id: 'u1', aboveScale: true },
    { id: 'u2', aboveScale: false },
    { id: 'u3', aboveScale: true },
  ];

  it('counts covered units and above-scale units', () => {
    expect(
      summarizeBuildingCoverage({
        activeOrganizations: 0,
        units,
        coveredUnitIds: ['u1', 'u2', 'elsewhere'],
        openServicePoints: 0,
      }),
    ).toEqual({
      covered: true,
      unitCount: 3,
      coveredUnitCount: 2,
      aboveScaleUnitCount: 2,
      coveredAboveScaleUnitCount: 1,
      unitCoverageRate: 2 / 3,
    });
  });

  it('is covered by an organization in the building or an open service point, even without covered units', () => {
    expect(
      summarizeBuildingCoverage({ activeOrganizations: 1, units: [], coveredUnitIds: [], openServicePoints: 0 })
        .covered,
    ).toBe(true);
    expect(
      summarizeBuildingCoverage({ activeOrganizations: 0, units, coveredUnitIds: [], openServicePoints: 1 }),
    ).toMatchObject({ covered: true, unitCoverageRate: 0 });
    expect(
      summarizeBuildingCoverage({ activeOrganizations: 0, units, coveredUnitIds: [], openServicePoints: 0 }).covered,
    ).toBe(false);
  });
});
