/** What is known about one building (楼宇) for coverage (覆盖). */
export interface BuildingCoverageFacts {
  readonly activeOrganizations: number;
  readonly units: ReadonlyArray<{ readonly id: string; readonly aboveScale: boolean }>;
  /** Units in the building that an active organization covers (alone or as one of a joint branch's units). */
  readonly coveredUnitIds: readonly string[];
  readonly openServicePoints: number;
}

export interface BuildingCoverageSummary {
  readonly covered: boolean;
  readonly unitCount: number;
  readonly coveredUnitCount: number;
  readonly aboveScaleUnitCount: number;
  readonly coveredAboveScaleUnitCount: number;
  /** Covered units / units; 0 for a building without units. */
  readonly unitCoverageRate: number;
}

/**
 * A building counts as covered when an organization sits in it, when one of its units is covered (单独组建 or
 * 联合组建), or when it has an open service point (党建服务点).
 */
export function summarizeBuildingCoverage(facts: BuildingCoverageFacts): BuildingCoverageSummary {
  const covered = new Set(facts.coveredUnitIds);
  const coveredUnits = facts.units.filter((u) => covered.has(u.id));
  const aboveScale = facts.units.filter((u) => u.aboveScale);
  return {
    covered: facts.activeOrganizations > 0 || coveredUnits.length > 0 || facts.openServicePoints > 0,
    unitCount: facts.units.length,
    coveredUnitCount: coveredUnits.length,
    aboveScaleUnitCount: aboveScale.length,
    coveredAboveScaleUnitCount: aboveScale.filter((u) => covered.has(u.id)).length,
    unitCoverageRate: facts.units.length ? coveredUnits.length / facts.units.length : 0,
  };
}

/** A unit as the ledger sees it: its full members (from member events) and whether an organization covers it. */
export interface UnitMembership {
  readonly unitId: string;
  readonly aboveScale: boolean;
  readonly fullMembers: number;
  /** Covered by an active organization (its own branch, or one of a joint branch's units). */
  readonly covered: boolean;
}

/**
 * 应建未建: units with at least `minFullMembers` full members and no organization covering them — the ledger
 * (台帐) deployment teams chase.
 */
export function eligibleWithoutOrganization<T extends UnitMembership>(
  units: readonly T[],
  minFullMembers: number,
): T[] {
  return units.filter((u) => !u.covered && u.fullMembers >= minFullMembers);
}

export interface RegionCoverage {
  readonly unitCount: number;
  readonly coveredUnitCount: number;
  readonly unitCoverageRate: number;
  readonly aboveScaleUnitCount: number;
  readonly coveredAboveScaleUnitCount: number;
  /** Coverage targets count units above the size threshold (规模以上). */
  readonly aboveScaleCoverageRate: number;
  readonly buildingCount: number;
  readonly coveredBuildingCount: number;
  readonly buildingCoverageRate: number;
  readonly eligibleWithoutOrganizationCount: number;
}

const rate = (part: number, whole: number): number => (whole ? Math.round((part / whole) * 10_000) / 10_000 : 0);

/** Coverage rates (覆盖率) of a region from its units and buildings. */
export function summarizeRegionCoverage(
  units: readonly UnitMembership[],
  buildings: ReadonlyArray<{ readonly covered: boolean }>,
  minFullMembers: number,
): RegionCoverage {
  const covered = units.filter((u) => u.covered);
  const aboveScale = units.filter((u) => u.aboveScale);
  const coveredAbove = aboveScale.filter((u) => u.covered);
  const coveredBuildings = buildings.filter((b) => b.covered);
  return {
    unitCount: units.length,
    coveredUnitCount: covered.length,
    unitCoverageRate: rate(covered.length, units.length),
    aboveScaleUnitCount: aboveScale.length,
    coveredAboveScaleUnitCount: coveredAbove.length,
    aboveScaleCoverageRate: rate(coveredAbove.length, aboveScale.length),
    buildingCount: buildings.length,
    coveredBuildingCount: coveredBuildings.length,
    buildingCoverageRate: rate(coveredBuildings.length, buildings.length),
    eligibleWithoutOrganizationCount: eligibleWithoutOrganization(units, minFullMembers).length,
  };
}
