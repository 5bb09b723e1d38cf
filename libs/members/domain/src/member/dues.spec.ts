import { type MemberCommand, decideMember } from './decider';
import { type Member, evolveMember } from './state';
import { dated, given, refusal, register, today } from './member.fixtures';

describe('dues', () => {
  const member = () =>
    given(register({ joinedOn: '2010-07-01', fullMembershipOn: '2011-07-01' }, { monthlyIncome: 8000 }));
  const apply = (m: Member, command: MemberCommand) =>
    decideMember(command, m).reduce<Member>((s, e) => evolveMember(s, e)!, m);

  it('bills once per month, pays exact amounts, and limits back payment to 6 months', () => {
    let m = member();
    for (const month of ['2026-03', '2026-04', '2026-05', '2026-06'])
      m = apply(m, { kind: 'BillDues', month, ...dated });
    expect(decideMember({ kind: 'BillDues', month: '2026-06', ...dated }, m)).toEqual([]);
    expect(m.bills.map((b) => b.amount)).toEqual([120, 120, 120, 120]);
    expect(
      refusal(m, {
        kind: 'PayDues',
        paymentId: 'p1',
        months: ['2026-05', '2026-06'],
        amount: 200,
        paidOn: today,
        paidBy: null,
        onBehalf: false,
        ...dated,
      }),
    ).toMatchObject({ code: 'DUES_AMOUNT_MISMATCH', field: 'amount' });
    expect(
      refusal(m, {
        kind: 'PayDues',
        paymentId: 'p1',
        months: ['2026-07'],
        amount: 120,
        paidOn: today,
        paidBy: null,
        onBehalf: false,
        ...dated,
      }),
    ).toMatchObject({ code: 'DUES_NOT_BILLED' });
    expect(
      refusal(m, {
        kind: 'PayDues',
        paymentId: 'p1',
        months: ['2026-03'],
        amount: 120,
        paidOn: today,
        paidBy: null,
        onBehalf: false,
        ...dated,
      }),
    ).toMatchObject({ code: 'DUES_BACK_PAYMENT_LIMIT' });
    m = apply(m, {
      kind: 'PayDues',
      paymentId: 'p1',
      months: ['2026-05', '2026-06'],
      amount: 240,
      paidOn: today,
      paidBy: 'admin',
      onBehalf: true,
      ...dated,
    });
    expect(m.bills.filter((b) => b.paidOn).map((b) => b.month)).toEqual(['2026-05', '2026-06']);
    expect(
      refusal(m, {
        kind: 'PayDues',
        paymentId: 'p2',
        months: ['2026-06'],
        amount: 120,
        paidOn: today,
        paidBy: null,
        onBehalf: false,
        ...dated,
      }),
    ).toMatchObject({ code: 'DUES_ALREADY_PAID' });
  });

  it('applies a waiver or reduction only once the branch decided and the superior approved it', () => {
    let m = apply(member(), {
      kind: 'RequestDuesReduction',
      reductionId: 'r1',
      reductionKind: 'Reduction',
      fromMonth: '2026-10',
      toMonth: '2026-12',
      monthlyAmount: 20,
      reason: '生病',
      requestedOn: '2026-09-20',
      ...dated,
    });
    expect(
      refusal(m, {
        kind: 'DecideDuesReduction',
        reductionId: 'r1',
        level: 'Superior',
        approved: true,
        decidedOn: '2026-09-25',
        deciderOrganizationId: 'street',
        reason: null,
        ...dated,
      }),
    ).toMatchObject({ code: 'REDUCTION_NOT_PENDING' });
    m = apply(m, { kind: 'BillDues', month: '2026-10', ...dated });
    expect(m.bills[0]).toMatchObject({ amount: 120, reductionId: null }); // not approved yet
    m = apply(m, {
      kind: 'DecideDuesReduction',
      reductionId: 'r1',
      level: 'Branch',
      approved: true,
      decidedOn: '2026-10-05',
      deciderOrganizationId: 'b-1',
      reason: null,
      ...dated,
    });
    m = apply(m, {
      kind: 'DecideDuesReduction',
      reductionId: 'r1',
      level: 'Superior',
      approved: true,
      decidedOn: '2026-10-10',
      deciderOrganizationId: 'street',
      reason: null,
      ...dated,
    });
    m = apply(m, { kind: 'BillDues', month: '2026-11', ...dated });
    expect(m.bills[1]).toMatchObject({
      month: '2026-11',
      amount: 20,
      standardAmount: 120,
      reductionId: 'r1',
      paidOn: null,
    });
    let w = apply(member(), {
      kind: 'RequestDuesReduction',
      reductionId: 'w1',
      reductionKind: 'Waiver',
      fromMonth: '2026-11',
      toMonth: '2026-11',
      monthlyAmount: null,
      reason: '困难',
      requestedOn: '2026-10-20',
      ...dated,
    });
    w = apply(w, {
      kind: 'DecideDuesReduction',
      reductionId: 'w1',
      level: 'Branch',
      approved: true,
      decidedOn: '2026-10-21',
      deciderOrganizationId: 'b-1',
      reason: null,
      ...dated,
    });
    w = apply(w, {
      kind: 'DecideDuesReduction',
      reductionId: 'w1',
      level: 'Superior',
      approved: true,
      decidedOn: '2026-10-22',
      deciderOrganizationId: 'street',
      reason: null,
      ...dated,
    });
    w = apply(w, { kind: 'BillDues', month: '2026-11', ...dated });
    expect(w.bills[0]).toMatchObject({ amount: 0, paidOn: today }); // waived: settled at billing
  });
});
