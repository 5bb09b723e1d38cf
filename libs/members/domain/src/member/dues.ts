import { type IsoDate, type IsoMonth, addMonthsToMonth, monthOf } from '@lianjian/calendar';
import { monthlyDues } from '../dues';
import { refuse } from '../errors';
import { type MemberCategory } from '../model';
import { type MemberEvent, type ReductionKind } from './member-events';
import { type Dated, after, idsOf, notFuture } from './guards';
import { type Member, isBillable } from './state';

// Membership dues (党费): the base they are computed from, the monthly bills, payments, and reductions or waivers
// approved by the branch and then the superior.

export type DuesCommand =
  | ({
      kind: 'DeclareDuesBase';
      category: MemberCategory;
      monthlyIncome: number | null;
      effectiveFrom: IsoMonth;
    } & Dated)
  | ({ kind: 'BillDues'; month: IsoMonth } & Dated)
  | ({
      kind: 'PayDues';
      paymentId: string;
      months: readonly IsoMonth[];
      amount: number;
      paidOn: IsoDate;
      paidBy: string | null;
      onBehalf: boolean;
    } & Dated)
  | ({
      kind: 'RequestDuesReduction';
      reductionId: string;
      reductionKind: ReductionKind;
      fromMonth: IsoMonth;
      toMonth: IsoMonth;
      monthlyAmount: number | null;
      /** Sealed by the application with the member's key (null: no key, erased). */
      reason: string | null;
      requestedOn: IsoDate;
    } & Dated)
  | ({
      kind: 'DecideDuesReduction';
      reductionId: string;
      level: 'Branch' | 'Superior';
      approved: boolean;
      decidedOn: IsoDate;
      deciderOrganizationId: string;
      reason: string | null;
    } & Dated);

/** Decides a dues command on a member whose membership has not ended. */
export function decideDues(command: DuesCommand, m: Member): MemberEvent[] {
  const ids = idsOf(m);
  switch (command.kind) {
    case 'DeclareDuesBase': {
      // validates the income against the scheme now rather than at the next bill
      monthlyDues(command.category, command.monthlyIncome, command.rules);
      if (command.category === m.duesCategory && command.monthlyIncome === m.monthlyIncome)
        refuse('NOTHING_CHANGES', 'the dues base is unchanged', 'monthlyIncome');
      return [
        {
          type: 'DuesBaseDeclared',
          data: {
            ...ids,
            category: command.category,
            monthlyIncome: command.monthlyIncome,
            effectiveFrom: command.effectiveFrom,
          },
        },
      ];
    }
    case 'BillDues': {
      if (m.bills.some((b) => b.month === command.month)) return []; // billing a month twice has one effect
      if (!isBillable(m) || (m.joinedOn !== null && monthOf(m.joinedOn) > command.month)) return [];
      if (command.month > monthOf(command.today)) refuse('DATE_IN_FUTURE', `${command.month} has not begun`, 'month');
      const standardAmount = monthlyDues(m.duesCategory, m.monthlyIncome, command.rules);
      const reduction =
        m.reductions.find(
          (r) => r.state === 'Approved' && r.fromMonth <= command.month && command.month <= r.toMonth,
        ) ?? null;
      const amount = reduction
        ? reduction.kind === 'Waiver'
          ? 0
          : Math.min(reduction.monthlyAmount, standardAmount)
        : standardAmount;
      const events: MemberEvent[] = [
        {
          type: 'DuesBilled',
          data: { ...ids, month: command.month, amount, standardAmount, reductionId: reduction?.id ?? null },
        },
      ];
      if (amount === 0)
        events.push({
          type: 'DuesPaid',
          data: {
            ...ids,
            paymentId: `waived-${command.month}`,
            months: [command.month],
            amount: 0,
            paidOn: command.today,
            paidBy: null,
            onBehalf: false,
          },
        });
      return events;
    }
    case 'PayDues': {
      const months = [...new Set(command.months)].sort();
      if (months.length === 0) refuse('DUES_NOT_BILLED', 'name the months paid for', 'months');
      notFuture(command.paidOn, command.today, 'paidOn');
      const bills = months.map(
        (month) =>
          m.bills.find((b) => b.month === month) ?? refuse('DUES_NOT_BILLED', `no bill for ${month}`, 'months'),
      );
      const paid = bills.find((b) => b.paidOn);
      if (paid) refuse('DUES_ALREADY_PAID', `${paid.month} was paid on ${paid.paidOn}`, 'months');
      const oldest = addMonthsToMonth(monthOf(command.paidOn), -command.rules.backPaymentMaxMonths);
      const tooOld = months.find((month) => month < oldest);
      if (tooOld)
        refuse(
          'DUES_BACK_PAYMENT_LIMIT',
          `back payment covers at most ${command.rules.backPaymentMaxMonths} months: ${tooOld} is older than ${oldest}`,
          'months',
        );
      const due = Math.round(bills.reduce((s, b) => s + b.amount, 0) * 100) / 100;
      if (Math.abs(due - command.amount) > 0.001)
        refuse('DUES_AMOUNT_MISMATCH', `the bills of these months total ${due.toFixed(2)} yuan`, 'amount');
      return [
        {
          type: 'DuesPaid',
          data: {
            ...ids,
            paymentId: command.paymentId,
            months,
            amount: due,
            paidOn: command.paidOn,
            paidBy: command.paidBy,
            onBehalf: command.onBehalf,
          },
        },
      ];
    }
    case 'RequestDuesReduction': {
      if (command.fromMonth > command.toMonth)
        refuse('REDUCTION_INVALID', 'the reduction ends before it begins', 'toMonth');
      if (command.reductionKind === 'Reduction' && (command.monthlyAmount === null || command.monthlyAmount < 0)) {
        refuse('REDUCTION_INVALID', 'a reduction names the reduced monthly amount', 'monthlyAmount');
      }
      if (m.reductions.some((r) => r.id === command.reductionId)) return [];
      return [
        {
          type: 'DuesReductionRequested',
          data: {
            ...ids,
            reductionId: command.reductionId,
            kind: command.reductionKind,
            fromMonth: command.fromMonth,
            toMonth: command.toMonth,
            monthlyAmount: command.reductionKind === 'Waiver' ? 0 : command.monthlyAmount!,
            reason: command.reason,
            requestedOn: notFuture(command.requestedOn, command.today, 'requestedOn'),
          },
        },
      ];
    }
    case 'DecideDuesReduction': {
      const reduction =
        m.reductions.find((r) => r.id === command.reductionId) ??
        refuse('REDUCTION_NOT_FOUND', `no reduction ${command.reductionId}`, 'reductionId');
      const expected = command.level === 'Branch' ? 'Requested' : 'BranchApproved';
      if (reduction.state !== expected) {
        refuse(
          'REDUCTION_NOT_PENDING',
          command.level === 'Branch'
            ? `the reduction is ${reduction.state}, not awaiting the branch`
            : `the reduction is ${reduction.state}: the branch decides before the superior approves`,
          'reductionId',
        );
      }
      after(command.decidedOn, reduction.requestedOn, 'decidedOn', 'the application');
      return [
        {
          type: 'DuesReductionDecided',
          data: {
            ...ids,
            reductionId: reduction.id,
            level: command.level,
            approved: command.approved,
            decidedOn: notFuture(command.decidedOn, command.today, 'decidedOn'),
            deciderOrganizationId: command.deciderOrganizationId,
            reason: command.reason,
          },
        },
      ];
    }
  }
}
