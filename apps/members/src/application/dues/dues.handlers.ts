import { randomUUID } from 'node:crypto';
import { type Caller } from '@lianjian/auth';
import { type CommandOptions, handleCommand } from '@lianjian/event-store';
import { memberStreamId } from '@lianjian/members-contracts';
import {
  type IsoDate,
  type IsoMonth,
  type MemberCategory,
  MemberRuleViolation,
  type ReductionKind,
} from '@lianjian/members-domain';
import pMap from 'p-map';
import { type MemberView } from '../read-models';
import { type MemberCommandSupport, memberDecider } from '../member-command-support';

/** A branch's members billed at once (each bill is one load, decide and append on the member's stream). */
const BILLS_IN_FLIGHT = 8;

export interface DuesBillingReport {
  readonly billed: number;
  readonly alreadyBilled: number;
  readonly notBillable: number;
  readonly incomeNotDeclared: string[];
}

/** Party dues (党费): the declared base, monthly bills, payments (by the member or on their behalf), reductions. */
export class DuesHandlers {
  constructor(private readonly support: MemberCommandSupport) {}

  async declareDuesBase(
    caller: Caller,
    input: {
      memberId: string;
      category: MemberCategory;
      monthlyIncome?: number | null;
      effectiveFrom?: IsoMonth | null;
    } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.support.writable(caller, input.memberId);
    return this.support.run(
      caller,
      member,
      {
        kind: 'DeclareDuesBase',
        category: input.category,
        monthlyIncome: input.monthlyIncome ?? null,
        effectiveFrom: input.effectiveFrom ?? this.support.today().slice(0, 7),
        ...(await this.support.dated(member.view)),
      },
      input,
    );
  }

  /** Monthly bills for every billable member of a branch; billing a month again bills nobody twice. */
  async issueDuesBills(caller: Caller, input: { organizationId: string; month: IsoMonth }): Promise<DuesBillingReport> {
    const { ports } = this.support;
    const { branch, district } = await this.support.branchFor(caller, input.organizationId);
    await ports.ownWrites.reachOwnWrites(); // the branch's roster is a read model
    const members = await ports.members.byIds((await ports.rosters.entries([branch._id])).map((e) => e.memberId));
    const rules = this.support.rulesFor(district);
    let billed = 0;
    let alreadyBilled = 0;
    let notBillable = 0;
    const incomeNotDeclared: string[] = [];
    await pMap(
      members,
      async (m) => {
        if (m.bills.some((b) => b.month === input.month)) {
          alreadyBilled += 1;
          return;
        }
        try {
          const result = await handleCommand(
            ports.store,
            memberStreamId(m._id),
            memberDecider,
            { kind: 'BillDues', month: input.month, today: this.support.today(), rules },
            this.support.context(caller, { commandId: null }, district),
            { replayable: false },
          );
          if (result.events.length) billed += 1;
          else notBillable += 1;
        } catch (error) {
          // one member without a declared income does not stop the branch's bills: they are listed to follow up
          if (!(error instanceof MemberRuleViolation && error.code === 'DUES_INCOME_REQUIRED')) throw error;
          incomeNotDeclared.push(m._id);
        }
      },
      { concurrency: BILLS_IN_FLIGHT },
    );
    ports.onAppended();
    return { billed, alreadyBilled, notBillable, incomeNotDeclared: incomeNotDeclared.sort() };
  }

  /** A payment by the member themself, or by an admin on their behalf (代缴). */
  async payDues(
    caller: Caller,
    input: {
      memberId: string;
      months: IsoMonth[];
      amount: number;
      paidOn?: IsoDate | null;
      paymentId?: string | null;
    } & CommandOptions,
  ): Promise<MemberView> {
    const { member, self } = await this.support.selfOrWritable(caller, input.memberId);
    return this.support.run(
      caller,
      member,
      {
        kind: 'PayDues',
        paymentId: input.paymentId ?? input.commandId ?? randomUUID(),
        months: input.months,
        amount: input.amount,
        paidOn: input.paidOn ?? this.support.today(),
        paidBy: self ? member.view._id : caller.subject,
        onBehalf: !self,
        ...(await this.support.dated(member.view)),
      },
      input,
    );
  }

  async requestDuesReduction(
    caller: Caller,
    input: {
      memberId: string;
      kind: ReductionKind;
      fromMonth: IsoMonth;
      toMonth: IsoMonth;
      monthlyAmount?: number | null;
      reason: string;
      reductionId?: string | null;
    } & CommandOptions,
  ): Promise<MemberView> {
    const { member } = await this.support.selfOrWritable(caller, input.memberId);
    return this.support.run(
      caller,
      member,
      {
        kind: 'RequestDuesReduction',
        reductionId: input.reductionId ?? randomUUID(),
        reductionKind: input.kind,
        fromMonth: input.fromMonth,
        toMonth: input.toMonth,
        monthlyAmount: input.monthlyAmount ?? null,
        reason: await this.support.sealReason(member.view._id, input.reason),
        requestedOn: this.support.today(),
        ...(await this.support.dated(member.view)),
      },
      input,
    );
  }

  /** The branch decides (its admins), then the superior approves (an admin of an organization above the branch). */
  async decideDuesReduction(
    caller: Caller,
    input: {
      memberId: string;
      reductionId: string;
      level: 'Branch' | 'Superior';
      approved: boolean;
      decidedOn: IsoDate;
      deciderOrganizationId?: string | null;
      reason?: string | null;
    } & CommandOptions,
  ): Promise<MemberView> {
    const member =
      input.level === 'Branch'
        ? await this.support.writable(caller, input.memberId)
        : await this.support.approvable(caller, input.memberId, input.deciderOrganizationId ?? '');
    return this.support.run(
      caller,
      member,
      {
        kind: 'DecideDuesReduction',
        reductionId: input.reductionId,
        level: input.level,
        approved: input.approved,
        decidedOn: input.decidedOn,
        deciderOrganizationId: input.level === 'Branch' ? member.view.organizationId : input.deciderOrganizationId!,
        reason: await this.support.sealReason(member.view._id, input.reason),
        ...(await this.support.dated(member.view)),
      },
      input,
    );
  }
}
