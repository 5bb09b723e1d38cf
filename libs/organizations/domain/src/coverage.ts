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
