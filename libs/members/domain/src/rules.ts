import { type MemberCategory } from './model';

/** One income bracket: incomes up to `upTo` (yuan per month, inclusive; null = no limit) pay `rate`. */
export interface DuesBracket {
  readonly upTo: number | null;
  readonly rate: number;
}

/** How a category's monthly dues are set: a rate of after-tax income by bracket, or a fixed amount. */
export type DuesScheme =
  | { readonly kind: 'brackets'; readonly brackets: readonly DuesBracket[] }
  | { readonly kind: 'fixed'; readonly amount: number };

/**
 * The configurable rules of the members domain (brief §3 Members). A district overrides any of them through the
 * versioned configuration file (`apps/members/src/config/rules.json`).
 */
export interface MemberRules {
  readonly minApplicantAge: number;
  /** Months as an activist before becoming a development candidate. */
  readonly minActivistMonths: number;
  readonly sponsorsRequired: number;
  /** Share of voting members that must attend, and share of voting members that must vote yes (strictly more). */
  readonly quorumShare: number;
  readonly approvalShare: number;
  readonly probationMonths: number;
  readonly extensionMinMonths: number;
  readonly extensionMaxMonths: number;
  /** A superior approval is due this many days after the branch meeting's decision. */
  readonly approvalDeadlineDays: number;
  /** A probation ending within this many days is listed as due. */
  readonly probationDueWithinDays: number;
  readonly dues: Readonly<Record<MemberCategory, DuesScheme>>;
  /** Rounding of monthly dues: to the fen (0.01), jiao (0.1) or yuan, half up. */
  readonly duesRounding: 'fen' | 'jiao' | 'yuan';
  /** Months of arrears a payment may still cover (补缴 normally ≤ 6 months). */
  readonly backPaymentMaxMonths: number;
  /** Lapse (自行脱党) candidates: this many consecutive months without organizational life… */
  readonly lapseMonthsWithoutMeetings: number;
  /** …or without paying dues; set either to 0 to ignore that reason. */
  readonly lapseMonthsWithoutDues: number;
  /** Lost contact for this many months: candidate for suspension (停止党籍). */
  readonly lostContactMonths: number;
  /** A suspended membership can be restored within this many years. */
  readonly restorationYears: number;
  /**
   * A member flowing out (流出) this many months should transfer their relationship instead: listed as a transfer
   * candidate (a finding, not a block; 0: never listed).
   */
  readonly flowOutTransferMonths: number;
  /** A flow-out with no contact for this many months may be marked lost contact (失联; 0: never). */
  readonly flowOutNoContactMonths: number;
}

const EMPLOYED: DuesScheme = {
  kind: 'brackets',
  brackets: [
    { upTo: 3000, rate: 0.005 },
    { upTo: 5000, rate: 0.01 },
    { upTo: 10000, rate: 0.015 },
    { upTo: null, rate: 0.02 },
  ],
};

export const DEFAULT_MEMBER_RULES: MemberRules = {
  minApplicantAge: 18,
  minActivistMonths: 12,
  sponsorsRequired: 2,
  quorumShare: 0.5,
  approvalShare: 0.5,
  probationMonths: 12,
  extensionMinMonths: 6,
  extensionMaxMonths: 12,
  approvalDeadlineDays: 90,
  probationDueWithinDays: 30,
  dues: {
    Employed: EMPLOYED,
    Other: EMPLOYED,
    Retired: {
      kind: 'brackets',
      brackets: [
        { upTo: 5000, rate: 0.005 },
        { upTo: null, rate: 0.01 },
      ],
    },
    Student: { kind: 'fixed', amount: 0.2 },
    Unemployed: { kind: 'fixed', amount: 0.2 },
    Relief: { kind: 'fixed', amount: 0.2 },
    Farmer: { kind: 'fixed', amount: 0.2 }, // the province sets 0.2–1 yuan
  },
  duesRounding: 'fen',
  backPaymentMaxMonths: 6,
  lapseMonthsWithoutMeetings: 6,
  lapseMonthsWithoutDues: 6,
  lostContactMonths: 6,
  restorationYears: 2,
  flowOutTransferMonths: 6,
  flowOutNoContactMonths: 6,
};

export interface MemberRulesConfiguration {
  readonly version: number;
  readonly defaults: MemberRules;
  readonly districts: Readonly<Record<string, Partial<MemberRules>>>;
}

export function memberRulesFor(config: MemberRulesConfiguration, district: string | null): MemberRules {
  const override = district ? config.districts[district] : undefined;
  return override
    ? { ...config.defaults, ...override, dues: { ...config.defaults.dues, ...override.dues } }
    : config.defaults;
}
