import { refuse } from './errors';
import { type MemberCategory } from './model';
import { type MemberRules } from './rules';

const STEP = { fen: 100, jiao: 10, yuan: 1 } as const;

/** Rounds yuan half up to the configured unit, working in integer fen to avoid binary fractions. */
export function roundDues(amount: number, unit: MemberRules['duesRounding']): number {
  const fen = Math.round(amount * 100 * 1e6) / 1e6; // tame 0.1 + 0.2 style noise before rounding
  const per = 100 / STEP[unit];
  return (Math.floor(fen / per + 0.5) * per) / 100;
}

/**
 * Monthly dues (党费) of a member: the bracket's rate applies to the whole monthly after-tax income (it is not a
 * progressive tax); fixed-amount categories pay the fixed amount.
 */
export function monthlyDues(category: MemberCategory, monthlyIncome: number | null, rules: MemberRules): number {
  const scheme = rules.dues[category];
  if (scheme.kind === 'fixed') return roundDues(scheme.amount, rules.duesRounding);
  if (monthlyIncome === null)
    return refuse(
      'DUES_INCOME_REQUIRED',
      `the ${category} category pays by income: declare the monthly after-tax income`,
      'monthlyIncome',
    );
  const bracket =
    scheme.brackets.find((b) => b.upTo === null || monthlyIncome <= b.upTo) ??
    scheme.brackets[scheme.brackets.length - 1]!;
  return roundDues(monthlyIncome * bracket.rate, rules.duesRounding);
}

/** Paid / billed, 0 when nothing was billed. */
export const collectionRate = (billed: number, paid: number): number =>
  billed > 0 ? Math.round((paid / billed) * 10_000) / 10_000 : 0;
