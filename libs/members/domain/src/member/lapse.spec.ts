import { lapseReasons } from '../lapse';
import { decideMember } from './decider';
import { type Member, evolveMember } from './state';
import { dated, given, refusal, register, rules, today, when } from './member.fixtures';

describe('lapse', () => {
  it('finds lapse candidates by months without organizational life or dues, and removes them on a decision', () => {
    const m = given(register({ joinedOn: '2010-07-01', fullMembershipOn: '2011-07-01' }, { today: '2025-01-01' }));
    expect(lapseReasons(m, '2026-06-01', today, rules)).toEqual([]);
    expect(lapseReasons(m, '2026-05-22', today, rules).map((r) => r.code)).toEqual(['NO_ORGANIZATIONAL_LIFE']);
    let billed: Member = m;
    for (const e of decideMember(
      { kind: 'DeclareDuesBase', category: 'Student', monthlyIncome: null, effectiveFrom: '2026-01', ...dated },
      billed,
    ))
      billed = evolveMember(billed, e)!;
    for (const month of ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']) {
      for (const e of decideMember({ kind: 'BillDues', month, ...dated }, billed)) billed = evolveMember(billed, e)!;
    }
    expect(lapseReasons(billed, '2026-11-01', today, rules).map((r) => r.code)).toEqual(['NO_DUES']);
    expect(lapseReasons(billed, '2026-11-01', today, { ...rules, lapseMonthsWithoutDues: 0 })).toEqual([]);
    expect(
      refusal(m, {
        kind: 'RecordLapseDecision',
        decision: 'Remove',
        reasons: [],
        branchDecidedOn: '2026-11-01',
        approvedOn: '2026-11-10',
        approverOrganizationId: 'street',
        statusReason: null,
        ...dated,
      }),
    ).toMatchObject({ code: 'NOT_A_LAPSE_CANDIDATE' });
    const events = when(m, {
      kind: 'RecordLapseDecision',
      decision: 'Remove',
      reasons: ['no organizational life since 2026-01-01'],
      branchDecidedOn: '2026-11-01',
      approvedOn: '2026-11-10',
      approverOrganizationId: 'street',
      statusReason: 'v1.sealed.status.reason',
      ...dated,
    });
    expect(events.map((e) => e.type)).toEqual([
      'LapseDecisionRecorded',
      'MembershipStatusChanged',
      'MemberCountChanged',
    ]);
    expect(events[1]!.data).toMatchObject({ status: 'Withdrawn', on: '2026-11-10' });
    expect(events[2]!.data).toEqual({ memberId: 'm-1', organizationId: 'b-1', counted: false });
  });
});
