import { refuse } from './errors';
import { type SatisfactionLevel } from './model';

/** One indicator of a project type's set (implementation performance, use of funds and benefit, process quality). */
export interface IndicatorScore {
  readonly indicator: string;
  /** Its weight in the set; the weights of a set add up to 1. */
  readonly weight: number;
  /** 0–100. */
  readonly score: number;
}

/** The council's score of a project: the weighted sum of its indicators, to one decimal. */
export function weightedScore(scores: readonly IndicatorScore[]): number {
  if (scores.length === 0) refuse('PROJECT_SCORES_INVALID', 'score at least one indicator', 'scores');
  if (new Set(scores.map((s) => s.indicator)).size !== scores.length)
    refuse('PROJECT_SCORES_INVALID', 'each indicator is scored once', 'scores');
  for (const s of scores) {
    if (!(s.score >= 0 && s.score <= 100))
      refuse('PROJECT_SCORES_INVALID', `${s.indicator}: a score is between 0 and 100 (got ${s.score})`, 'scores');
    if (!(s.weight > 0)) refuse('PROJECT_SCORES_INVALID', `${s.indicator}: a weight is positive`, 'scores');
  }
  const weights = scores.reduce((sum, s) => sum + s.weight, 0);
  if (Math.abs(weights - 1) > 1e-9)
    refuse('PROJECT_SCORES_INVALID', `the weights add up to 1 (they add up to ${weights})`, 'scores');
  return Math.round(scores.reduce((sum, s) => sum + s.weight * s.score, 0) * 10) / 10;
}

/**
 * The satisfaction rate (满意率): the share of ratings that are very satisfied, satisfied or basically satisfied;
 * null with no rating yet.
 */
export function satisfactionRate(ratings: Readonly<Record<SatisfactionLevel, number>>): number | null {
  const total = ratings.VerySatisfied + ratings.Satisfied + ratings.BasicallySatisfied + ratings.Dissatisfied;
  return total === 0 ? null : (total - ratings.Dissatisfied) / total;
}
