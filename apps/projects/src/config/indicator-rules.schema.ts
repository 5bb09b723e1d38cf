import { z } from 'zod';
import { type RulesFileSchema } from '@lianjian/config';
import {
  DEFAULT_INDICATOR_CONFIGURATION,
  type IndicatorRules,
  type IndicatorWeights,
  NEED_CATEGORIES,
  type NeedCategory,
  PROJECT_INDICATORS,
  type ProjectIndicator,
} from '@lianjian/projects-domain';

const weight = z
  .number({ error: 'must be a weight between 0 and 1' })
  .min(0, { error: 'must be a weight between 0 and 1' })
  .max(1, { error: 'must be a weight between 0 and 1' });

const weightsShape = Object.fromEntries(PROJECT_INDICATORS.map((i) => [i, weight])) as Record<
  ProjectIndicator,
  typeof weight
>;

/** One indicator set's weights: every indicator named, adding up to 1 (an indicator weighing 0 is left out). */
const weights: z.ZodType<IndicatorWeights> = z
  .strictObject(weightsShape)
  .refine((w) => Math.abs(PROJECT_INDICATORS.reduce((s, i) => s + w[i], 0) - 1) <= 1e-9, {
    error: 'the weights must add up to 1',
  });

const categories = z.strictObject(
  Object.fromEntries(NEED_CATEGORIES.map((c) => [c, weights.optional()])) as Record<
    NeedCategory,
    z.ZodOptional<typeof weights>
  >,
);

/** The indicator rules of one level: the weights for any project type, and those of some types (need categories). */
export const indicatorRulesSchema: z.ZodType<IndicatorRules> = z.strictObject({ weights, categories });

/**
 * The rules file of the projects service (apps/projects/src/config/rules.json, or RULES_CONFIG): the indicator set a
 * project type is scored on (项目评价指标), by default and per district. A category's weights replace the whole set.
 */
export const INDICATOR_RULES_FILE: RulesFileSchema<IndicatorRules> = {
  builtIn: DEFAULT_INDICATOR_CONFIGURATION.defaults,
  rules: indicatorRulesSchema,
  override: z.strictObject({ weights: weights.optional(), categories: categories.optional() }),
};
