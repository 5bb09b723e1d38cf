import { type IsoMonth } from '@lianjian/calendar';
import { type Member } from '../member/state';

/** Where a member's dues stand when a transfer starts: the month paid until, and the months billed and unpaid. */
export interface DuesStanding {
  /** The last month of the unbroken run of paid bills from the first (null: none paid yet). */
  readonly paidUntil: IsoMonth | null;
  readonly arrearsMonths: number;
  readonly unpaidMonths: readonly IsoMonth[];
}

export function duesStanding(member: Pick<Member, 'bills'>): DuesStanding {
  const bills = [...member.bills].sort((a, b) => (a.month < b.month ? -1 : 1));
  let paidUntil: IsoMonth | null = null;
  for (const bill of bills) {
    if (!bill.paidOn) break;
    paidUntil = bill.month;
  }
  const unpaidMonths = bills.filter((b) => !b.paidOn).map((b) => b.month);
  return { paidUntil, arrearsMonths: unpaidMonths.length, unpaidMonths };
}
