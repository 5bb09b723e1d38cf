import { type TransferScope } from './approval-path';

/** The configurable rules of transfers (brief §3 Members: validity by scope, ≤ 3 months, up to 6 across provinces). */
export interface TransferRules {
  /** The letter's validity when the sender gives none, by scope. */
  readonly defaultValidityMonths: Readonly<Record<TransferScope, number>>;
  readonly maxValidityMonths: number;
  /** Out of or into the city from another province. */
  readonly maxValidityMonthsAcrossProvinces: number;
  /** Dues in arrears are settled before the letter is issued (by default). */
  readonly settleArrearsFirst: boolean;
}

export const DEFAULT_TRANSFER_RULES: TransferRules = {
  defaultValidityMonths: {
    WithinCommittee: 1,
    WithinDistrict: 1,
    AcrossDistricts: 2,
    OutOfCity: 3,
    IntoCity: 3,
  },
  maxValidityMonths: 3,
  maxValidityMonthsAcrossProvinces: 6,
  settleArrearsFirst: true,
};
