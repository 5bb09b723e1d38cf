import { type IsoDate, addDays, addMonths } from '@lianjian/calendar';
import { type Member, isCounted } from './member';
import { type MemberRules } from './rules';

export type LapseReasonCode = 'NO_ORGANIZATIONAL_LIFE' | 'NO_DUES';

export interface LapseReason {
  readonly code: LapseReasonCode;
  readonly message: string;
  /** The start of the period without organizational life or dues. */
  readonly since: IsoDate;
}

const LAPSE_STATUSES = new Set(['Normal', 'Restored', 'Retained']);

/**
 * Why a member is a candidate for removal (自行脱党): `lapseMonthsWithoutMeetings` consecutive months without
 * organizational life, or `lapseMonthsWithoutDues` consecutive billed months unpaid (either rule off at 0).
 * `lastMeetingOn` is the last meeting the member attended (from the organizations service's meeting events).
 */
export function lapseReasons(
  m: Member,
  lastMeetingOn: IsoDate | null,
  today: IsoDate,
  rules: MemberRules,
): LapseReason[] {
  if (!isCounted(m) || !LAPSE_STATUSES.has(m.status)) return [];
  const reasons: LapseReason[] = [];
  if (rules.lapseMonthsWithoutMeetings > 0) {
    const reference = [lastMeetingOn, m.joinedOn, m.registeredOn]
      .filter((d): d is IsoDate => d !== null)
      .sort()
      .at(-1)!;
    if (addMonths(reference, rules.lapseMonthsWithoutMeetings) <= today) {
      reasons.push({
        code: 'NO_ORGANIZATIONAL_LIFE',
        message: lastMeetingOn
          ? `no organizational life since ${lastMeetingOn}`
          : `no organizational life recorded since ${reference}`,
        since: reference,
      });
    }
  }
  if (rules.lapseMonthsWithoutDues > 0) {
    let unpaid = 0;
    for (let i = m.bills.length - 1; i >= 0 && !m.bills[i]!.paidOn; i -= 1) unpaid += 1;
    if (unpaid >= rules.lapseMonthsWithoutDues) {
      const first = m.bills[m.bills.length - unpaid]!.month;
      reasons.push({
        code: 'NO_DUES',
        message: `no dues paid for ${unpaid} consecutive months since ${first}`,
        since: `${first}-01`,
      });
    }
  }
  return reasons;
}

/** Lost contact (失联) for `lostContactMonths`: a candidate for suspension (停止党籍). */
export function isSuspensionCandidate(m: Member, today: IsoDate, rules: MemberRules): boolean {
  return (
    isCounted(m) &&
    (m.status === 'Normal' || m.status === 'Restored') &&
    m.lostContactSince !== null &&
    addMonths(m.lostContactSince, rules.lostContactMonths) <= today
  );
}

export type DeadlineKind = 'ADMISSION_APPROVAL' | 'FULL_MEMBERSHIP_APPROVAL' | 'PROBATION_ENDING';
export type DeadlineStatus = 'DUE' | 'OVERDUE';

export interface PipelineDeadline {
  readonly kind: DeadlineKind;
  readonly dueOn: IsoDate;
  readonly status: DeadlineStatus;
}

/**
 * The next step of the pipeline that has a deadline: a superior approval after a branch decision (due within
 * `approvalDeadlineDays`), or a probation that ends soon or ended without a decision on full membership.
 */
export function pipelineDeadline(m: Member, today: IsoDate, rules: MemberRules): PipelineDeadline | null {
  if (m.probationCancelled || !['Normal', 'Restored'].includes(m.status)) return null;
  if (m.pendingDecision) {
    const kind = m.pendingDecision.kind === 'Admission' ? 'ADMISSION_APPROVAL' : 'FULL_MEMBERSHIP_APPROVAL';
    return {
      kind,
      dueOn: m.pendingDecision.approvalDueOn,
      status: m.pendingDecision.approvalDueOn < today ? 'OVERDUE' : 'DUE',
    };
  }
  if (m.stage === 'ProbationaryMember' && m.probationEndsOn) {
    if (m.probationEndsOn < today) return { kind: 'PROBATION_ENDING', dueOn: m.probationEndsOn, status: 'OVERDUE' };
    if (m.probationEndsOn <= addDays(today, rules.probationDueWithinDays))
      return { kind: 'PROBATION_ENDING', dueOn: m.probationEndsOn, status: 'DUE' };
  }
  return null;
}
