import { z } from 'zod';
import { type RulesFileSchema } from '@lianjian/config';
import {
  CATEGORIES,
  DEFAULT_MEMBER_RULES,
  type DuesScheme,
  type MemberCategory,
  type MemberRules,
} from '@lianjian/members-domain';

const count = (what: string) =>
  z
    .number({ error: `must be ${what}` })
    .int({ error: `must be ${what}` })
    .min(0, { error: `must be ${what}` });
const months = count('a whole number of months ≥ 0');
const days = count('a whole number of days ≥ 0');
const share = z
  .number({ error: 'must be a share between 0 and 1' })
  .gt(0, { error: 'must be a share between 0 and 1' })
  .max(1, { error: 'must be a share between 0 and 1' });
const yuan = z.number({ error: 'must be an amount in yuan ≥ 0' }).min(0, { error: 'must be an amount in yuan ≥ 0' });

const bracket = z.strictObject({
  upTo: z
    .number({ error: 'must be an income in yuan, or null for no limit' })
    .positive({ error: 'must be an income in yuan, or null for no limit' })
    .nullable(),
  rate: z
    .number({ error: 'must be a rate between 0 and 1' })
    .min(0, { error: 'must be a rate between 0 and 1' })
    .max(1, { error: 'must be a rate between 0 and 1' }),
});

const duesScheme: z.ZodType<DuesScheme> = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('brackets'),
      brackets: z
        .array(bracket)
        .min(1, { error: 'must list at least one bracket' })
        .refine(
          (list) =>
            list.every((b, i) =>
              i === list.length - 1 ? b.upTo === null : b.upTo !== null && (i === 0 || b.upTo > list[i - 1]!.upTo!),
            ),
          {
            error: 'must rise, each upTo above the last, and end with upTo null (no limit)',
          },
        ),
    }),
    z.strictObject({ kind: z.literal('fixed'), amount: yuan }),
  ],
  { error: 'must be { kind: "brackets", brackets } or { kind: "fixed", amount }' },
);

const dues = z.strictObject(
  Object.fromEntries(CATEGORIES.map((c) => [c, duesScheme])) as Record<MemberCategory, typeof duesScheme>,
);

const shape = {
  minApplicantAge: count('an age in whole years ≥ 0'),
  minActivistMonths: months,
  sponsorsRequired: count('a whole number ≥ 0'),
  quorumShare: share,
  approvalShare: share,
  probationMonths: months,
  extensionMinMonths: months,
  extensionMaxMonths: months,
  approvalDeadlineDays: days,
  probationDueWithinDays: days,
  dues,
  duesRounding: z.enum(['fen', 'jiao', 'yuan'], { error: 'must be fen, jiao or yuan' }),
  backPaymentMaxMonths: months,
  lapseMonthsWithoutMeetings: months,
  lapseMonthsWithoutDues: months,
  lostContactMonths: months,
  restorationYears: count('a whole number of years ≥ 0'),
  flowOutTransferMonths: months,
  flowOutNoContactMonths: months,
};

/** The complete members rules (MemberRules), with the checks across rules. */
export const memberRulesSchema: z.ZodType<MemberRules> = z
  .strictObject(shape)
  .refine((r) => r.extensionMinMonths <= r.extensionMaxMonths, {
    error: 'must not exceed extensionMaxMonths',
    path: ['extensionMinMonths'],
  });

/** A rules file of the members service (apps/members/src/config/rules.json): any rule may be overridden, dues by category. */
export const MEMBER_RULES_FILE: RulesFileSchema<MemberRules> = {
  builtIn: DEFAULT_MEMBER_RULES,
  rules: memberRulesSchema,
  override: z.strictObject({ ...shape, dues: dues.partial() }).partial(),
};
