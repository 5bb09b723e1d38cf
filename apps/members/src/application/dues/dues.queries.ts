import { type Caller } from '@lianjian/auth';
import { type IsoMonth, collectionRate, monthlyDues } from '@lianjian/members-domain';
import { type MemberView } from '../read-models';
import { type MemberFilter, type MemberSelection } from '../queries-support';

/** Dues as read: a member's monthly amount, arrears, and an organization's collection rate (收缴率). */
export class DuesQueries {
  constructor(private readonly selection: MemberSelection) {}

  async monthlyDues(member: MemberView): Promise<number | null> {
    try {
      return monthlyDues(member.duesCategory, member.monthlyIncome, await this.selection.rulesOf(member));
    } catch {
      return null; // income not declared yet
    }
  }

  async duesArrears(
    caller: Caller,
    filter: MemberFilter,
  ): Promise<Array<{ member: MemberView; months: IsoMonth[]; amount: number }>> {
    const members = await this.selection.report(await this.selection.select(caller, filter), (m) =>
      m.bills.some((b) => !b.paidOn),
    );
    return members
      .map((member) => {
        const unpaid = member.bills.filter((b) => !b.paidOn);
        return {
          member,
          months: unpaid.map((b) => b.month),
          amount: Math.round(unpaid.reduce((s, b) => s + b.amount, 0) * 100) / 100,
        };
      })
      .filter((r) => r.months.length > 0);
  }

  /** Collection rate (收缴率) of an organization (with its subtree) over a period of months. */
  async duesCollection(caller: Caller, organizationId: string, fromMonth: IsoMonth, toMonth: IsoMonth) {
    const selected = await this.selection.select(caller, { organizationId, includeSubtree: true });
    const members = (await this.selection.ports.members.byIds(selected.map((e) => e.memberId))).filter((m) =>
      m.bills.some((b) => b.month >= fromMonth && b.month <= toMonth),
    );
    let billed = 0;
    let paid = 0;
    let billedMembers = 0;
    let paidMembers = 0;
    for (const m of members) {
      const bills = m.bills.filter((b) => b.month >= fromMonth && b.month <= toMonth);
      if (!bills.length) continue;
      billedMembers += 1;
      if (bills.every((b) => b.paidOn)) paidMembers += 1;
      billed += bills.reduce((s, b) => s + b.amount, 0);
      paid += bills.filter((b) => b.paidOn).reduce((s, b) => s + b.amount, 0);
    }
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      organizationId,
      fromMonth,
      toMonth,
      billed: round(billed),
      paid: round(paid),
      rate: collectionRate(billed, paid),
      billedMembers,
      paidMembers,
      memberRate: collectionRate(billedMembers, paidMembers),
    };
  }
}
