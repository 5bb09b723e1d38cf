import { refuse } from './errors';
import { NEED_CATEGORIES, type NeedCategory } from './model';

/** The indicators a project is scored on by its council (项目评价指标). */
export const PROJECT_INDICATORS = [
  'ImplementationPerformance', // 实施绩效
  'FundsAndBenefit', // 资金使用和效益
  'ProcessQuality', // 过程质量
] as const;
export type ProjectIndicator = (typeof PROJECT_INDICATORS)[number];

/** Each indicator's weight; the weights add up to 1, and an indicator weighing 0 is not part of the set. */
export type IndicatorWeights = Readonly<Record<ProjectIndicator, number>>;

/** The weights in force: the set for any project type, and a set of its own for some types (the project's category). */
export interface IndicatorRules {
  readonly weights: IndicatorWeights;
  readonly categories: Readonly<Partial<Record<NeedCategory, IndicatorWeights>>>;
}

/**
 * The versioned configuration of the indicator sets (like the members domain's rules): defaults, and a district's
 * overrides of any of them. A project's set is, most specific first: the district's weights for its category, the
 * district's weights for any category, the default weights for its category, the default weights.
 */
export interface IndicatorConfiguration {
  readonly version: number;
  readonly defaults: IndicatorRules;
  readonly districts: Readonly<Record<string, Partial<IndicatorRules>>>;
}

export const DEFAULT_INDICATOR_WEIGHTS: IndicatorWeights = {
  ImplementationPerformance: 0.4,
  FundsAndBenefit: 0.3,
  ProcessQuality: 0.3,
};

export const DEFAULT_INDICATOR_CONFIGURATION: IndicatorConfiguration = {
  version: 1,
  defaults: { weights: DEFAULT_INDICATOR_WEIGHTS, categories: {} },
  districts: {},
};

export interface IndicatorWeight {
  readonly indicator: ProjectIndicator;
  readonly weight: number;
}

/** The indicator set a project is scored on, resolved by the application and carried by ScoreProject. */
export interface IndicatorSet {
  /** The configuration version it came from. */
  readonly version: number;
  readonly category: NeedCategory;
  /** The district it was resolved for (the project's). */
  readonly district: string;
  /** The indicators weighing more than 0, in PROJECT_INDICATORS order. */
  readonly indicators: readonly IndicatorWeight[];
}

function setOf(weights: IndicatorWeights, where: string): IndicatorWeight[] {
  for (const indicator of PROJECT_INDICATORS) {
    const weight = weights[indicator];
    if (!(Number.isFinite(weight) && weight >= 0 && weight <= 1))
      refuse('INDICATOR_SET_INVALID', `${where}: ${indicator} weighs between 0 and 1 (got ${weight})`, 'weights');
  }
  const unknown = Object.keys(weights).filter((k) => !(PROJECT_INDICATORS as readonly string[]).includes(k));
  if (unknown.length > 0) refuse('INDICATOR_SET_INVALID', `${where}: no indicator ${unknown.join(', ')}`, 'weights');
  const sum = PROJECT_INDICATORS.reduce((s, i) => s + weights[i], 0);
  if (Math.abs(sum - 1) > 1e-9)
    refuse('INDICATOR_SET_INVALID', `${where}: the weights add up to 1 (they add up to ${sum})`, 'weights');
  return PROJECT_INDICATORS.filter((i) => weights[i] > 0).map((indicator) => ({
    indicator,
    weight: weights[indicator],
  }));
}

/** The indicator set of a project type in a district; refused (INDICATOR_SET_INVALID) when its weights are wrong. */
export function indicatorSetFor(
  config: IndicatorConfiguration,
  category: NeedCategory,
  district: string,
): IndicatorSet {
  const override = config.districts[district];
  const weights =
    override?.categories?.[category] ??
    override?.weights ??
    config.defaults.categories[category] ??
    config.defaults.weights;
  return {
    version: config.version,
    category,
    district,
    indicators: setOf(weights, `indicator set of ${category} in ${district} (version ${config.version})`),
  };
}

/** Checks every set the configuration can give (for the application to run when it loads it); throws on the first. */
export function assertIndicatorConfiguration(config: IndicatorConfiguration): void {
  if (!(Number.isInteger(config.version) && config.version >= 1))
    refuse('INDICATOR_SET_INVALID', 'the configuration version is a whole number from 1', 'version');
  for (const district of ['', ...Object.keys(config.districts)])
    for (const category of NEED_CATEGORIES) indicatorSetFor(config, category, district);
}
