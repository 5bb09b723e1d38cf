/** Stable codes for every rule the members domain enforces; clients may switch on them. */
export type MemberRuleCode =
  | 'MEMBER_NOT_FOUND'
  | 'MEMBER_ALREADY_EXISTS'
  | 'CITIZEN_ID_INVALID'
  | 'CITIZEN_ID_ALREADY_REGISTERED'
  | 'PHONE_INVALID'
  | 'CARD_NUMBER_INVALID'
  | 'ORGANIZATION_NOT_FOUND'
  | 'ORGANIZATION_NOT_A_BRANCH'
  | 'APPROVER_NOT_SUPERIOR'
  | 'DATE_IN_FUTURE'
  | 'DATE_OUT_OF_ORDER'
  | 'STAGE_NOT_ALLOWED'
  | 'APPLICANT_TOO_YOUNG'
  | 'ACTIVIST_PERIOD_TOO_SHORT'
  | 'SPONSORS_INVALID'
  | 'QUORUM_NOT_MET'
  | 'VOTE_NOT_PASSED'
  | 'VOTE_INCONSISTENT'
  | 'MEETING_NOT_FOUND'
  | 'MEETING_NOT_OF_BRANCH'
  | 'MEETING_NOT_MEMBERS_MEETING'
  | 'RESOLUTION_NOT_FOUND'
  | 'NO_PENDING_DECISION'
  | 'DECISION_ALREADY_PENDING'
  | 'PROBATION_NOT_ENDED'
  | 'PROBATION_ALREADY_EXTENDED'
  | 'EXTENSION_OUT_OF_RANGE'
  | 'MEMBERSHIP_ENDED'
  | 'STATUS_TRANSITION_NOT_ALLOWED'
  | 'RESTORATION_WINDOW_PASSED'
  | 'LOST_CONTACT_TOO_SHORT'
  | 'NOT_A_LAPSE_CANDIDATE'
  | 'DUES_ALREADY_BILLED'
  | 'DUES_NOT_BILLED'
  | 'DUES_ALREADY_PAID'
  | 'DUES_AMOUNT_MISMATCH'
  | 'DUES_BACK_PAYMENT_LIMIT'
  | 'DUES_INCOME_REQUIRED'
  | 'REDUCTION_NOT_FOUND'
  | 'REDUCTION_NOT_PENDING'
  | 'REDUCTION_INVALID'
  | 'PERSONAL_DATA_ERASED'
  | 'REVEAL_LIMIT_EXCEEDED'
  | 'IMPORT_HEADER_INVALID'
  | 'TRANSFER_NOT_FOUND'
  | 'TRANSFER_ALREADY_EXISTS'
  | 'TRANSFER_TARGET_INVALID'
  | 'TRANSFER_STATE_NOT_ALLOWED'
  | 'TRANSFER_ALREADY_APPROVED'
  | 'TRANSFER_VALIDITY_OUT_OF_RANGE'
  | 'TRANSFER_LETTER_EXPIRED'
  | 'TRANSFER_LETTER_FORGED'
  | 'APPROVER_NOT_NEXT'
  | 'DUES_ARREARS_UNSETTLED'
  | 'NOTHING_CHANGES';

/** A command broke a rule of the members domain: nothing was written. `field` names the input at fault. */
export class MemberRuleViolation extends Error {
  constructor(
    readonly code: MemberRuleCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'MemberRuleViolation';
  }
}

export function refuse(code: MemberRuleCode, message: string, field: string | null = null): never {
  throw new MemberRuleViolation(code, message, field);
}
