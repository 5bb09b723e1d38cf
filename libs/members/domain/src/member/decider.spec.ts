import { type MemberEvent } from './member-events';
import { evolveMember } from './state';
import { dated, given, register, vote, when } from './member.fixtures';

describe('whether a member is counted: a fact published for other services', () => {
  const countFacts = (events: MemberEvent[]) =>
    events.filter((e) => e.type === 'MemberCountChanged').map((e) => e.data);
  const fact = (counted: boolean) => ({ memberId: 'm-1', organizationId: 'b-1', counted });

  it('given a registration, then the fact follows it: an applicant is not counted, a probationary or full member is', () => {
    expect(countFacts(when(null, register({ appliedOn: '2020-01-01' })))).toEqual([fact(false)]);
    expect(when(null, register({ joinedOn: '2026-03-01' })).map((e) => e.type)).toEqual([
      'MemberRegistered',
      'MemberCountChanged',
    ]);
    expect(
      countFacts(
        when(null, register({ joinedOn: '2010-07-01', fullMembershipOn: '2011-07-01' }, { status: 'Deceased' })),
      ),
    ).toEqual([fact(false)]);
    expect(
      countFacts(
        when(null, register({ joinedOn: '2010-07-01', fullMembershipOn: '2011-07-01' }, { monthlyIncome: 5000 })),
      ),
    ).toEqual([fact(true)]);
  });

  it('when admission is approved, the member becomes counted; when the probation is cancelled, no longer', () => {
    const resolved = given(register({ appliedOn: '2020-01-01', activistOn: '2020-06-01', candidateOn: '2021-07-01' }), {
      kind: 'ResolveAdmission',
      vote: vote('2026-06-01', 3, 2, 2),
      ...dated,
    });
    const approved = when(resolved, {
      kind: 'ApproveAdmission',
      approvedOn: '2026-06-10',
      approverOrganizationId: 'street',
      ...dated,
    });
    expect(approved.map((e) => e.type)).toEqual(['AdmissionApproved', 'MemberCountChanged']);
    expect(countFacts(approved)).toEqual([fact(true)]);
    const probationary = given(register({ appliedOn: '2020-01-01', joinedOn: '2026-03-01' }));
    expect(
      countFacts(when(probationary, { kind: 'CancelProbation', on: '2026-06-01', reason: '不具备条件', ...dated })),
    ).toEqual([fact(false)]);
  });

  it('changes only when the rule says so: suspended members still count, ended memberships do not, other events carry no fact', () => {
    const full = given(register({ joinedOn: '2010-07-01', fullMembershipOn: '2011-07-01' }, { monthlyIncome: 5000 }));
    expect(
      countFacts(
        when(full, {
          kind: 'ChangeMembershipStatus',
          status: 'Retained',
          on: '2026-06-01',
          reason: '留党察看',
          ...dated,
        }),
      ),
    ).toEqual([]);
    expect(
      countFacts(
        when(full, { kind: 'ChangeMembershipStatus', status: 'Expelled', on: '2026-06-01', reason: '开除', ...dated }),
      ),
    ).toEqual([fact(false)]);
    expect(when(full, { kind: 'RecordLostContact', since: '2026-06-01', ...dated }).map((e) => e.type)).toEqual([
      'ContactLost',
    ]);
    expect(
      when(full, { kind: 'BillDues', month: '2026-06', ...dated }).some((e) => e.type === 'MemberCountChanged'),
    ).toBe(false);
  });

  it('leaves the state as it was: the fact is derived from it', () => {
    const full = given(register({ joinedOn: '2010-07-01', fullMembershipOn: '2011-07-01' }));
    expect(evolveMember(full, { type: 'MemberCountChanged', data: fact(false) })).toBe(full);
  });
});
