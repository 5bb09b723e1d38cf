import { isSuspensionCandidate, lapseReasons, pipelineDeadline } from './lapse';
import {
  type Member,
  type MemberCommand,
  type MemberEvent,
  type MemberFact,
  type PipelineHistory,
  decideMember,
  evolveMember,
  isVotingOn,
  statusOn,
} from './member';
import { DEFAULT_MEMBER_RULES } from './rules';

const rules = DEFAULT_MEMBER_RULES;
const today = '2026-11-22';
const dated = { today, rules };
const profile = {
  name: '张伟',
  gender: 'Male' as const,
  birthDate: '1990-01-01',
  ethnicity: '汉族',
  education: '本科',
  category: 'Employed' as const,
  posts: [],
  unitId: null,
};
const protectedData = { keyId: 'k', idNumber: 'v1.a.b.c', phone: null };
const noHistory: PipelineHistory = {
  appliedOn: null,
  activistOn: null,
  candidateOn: null,
  joinedOn: null,
  fullMembershipOn: null,
};

/** Given these commands applied in order, the resulting state. */
function given(...commands: MemberCommand[]): Member {
  let state: Member | null = null;
  for (const command of commands) for (const event of decideMember(command, state)) state = evolveMember(state, event);
  return state!;
}
const register = (
  history: Partial<typeof noHistory>,
  extra: Partial<Extract<MemberCommand, { kind: 'RegisterMember' }>> = {},
): MemberCommand => ({
  kind: 'RegisterMember',
  memberId: 'm-1',
  organizationId: 'b-1',
  profile,
  protectedData,
  history: { ...noHistory, ...history },
  status: 'Normal',
  source: 'Registration',
  monthlyIncome: null,
  ...dated,
  ...extra,
});
const when = (state: Member | null, command: MemberCommand): MemberEvent[] => decideMember(command, state);
const refusal = (state: Member | null, command: MemberCommand) => {
  try {
    decideMember(command, state);
  } catch (error) {
    return { code: (error as { code: string }).code, field: (error as { field: string | null }).field };
  }
  throw new Error('the command was not refused');
};
const fullSponsor = (memberId: string): MemberFact => ({
  memberId,
  stage: 'FullMember',
  status: 'Normal',
  probationCancelled: false,
});
const vote = (heldOn: string, votingMembers: number, attending: number, inFavour: number) => ({
  heldOn,
  votingMembers,
  attending,
  inFavour,
  meetingId: null,
});

describe('registration', () => {
  it('given an applicant of 18, when registered, then the member is at the Applicant stage', () => {
    const m = given(register({ appliedOn: '2008-01-01' }));
    expect(m).toMatchObject({
      stage: 'Applicant',
      status: 'Normal',
      stageHistory: [{ stage: 'Applicant', since: '2008-01-01' }],
    });
  });
  it('refuses an applicant under the minimum age, and dates out of order or in the future', () => {
    expect(refusal(null, register({ appliedOn: '2007-12-31' }))).toEqual({
      code: 'APPLICANT_TOO_YOUNG',
      field: 'appliedOn',
    });
    expect(refusal(null, register({ appliedOn: '2010-01-01', joinedOn: '2009-07-01' }))).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'joinedOn',
    });
    expect(refusal(null, register({ appliedOn: '2027-01-01' }))).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'appliedOn',
    });
    expect(refusal(null, register({}))).toMatchObject({ code: 'STAGE_NOT_ALLOWED' });
    expect(refusal(given(register({ appliedOn: '2010-01-01' })), register({ appliedOn: '2010-01-01' }))).toMatchObject({
      code: 'MEMBER_ALREADY_EXISTS',
    });
  });
  it('registers an existing member with their history: probation ends a year after joining', () => {
    expect(given(register({ joinedOn: '2026-03-01' }))).toMatchObject({
      stage: 'ProbationaryMember',
      joinedOn: '2026-03-01',
      probationEndsOn: '2027-03-01',
    });
    expect(given(register({ joinedOn: '2010-07-01', fullMembershipOn: '2011-07-01' }))).toMatchObject({
      stage: 'FullMember',
      fullMembershipOn: '2011-07-01',
      statusHistory: [{ status: 'Normal', since: '2010-07-01' }],
    });
  });
});

describe('development pipeline', () => {
  const activist = () =>
    given(register({ appliedOn: '2020-01-01' }), { kind: 'DesignateActivist', on: '2020-06-01', ...dated });
  const candidate = () =>
    given(register({ appliedOn: '2020-01-01', activistOn: '2020-06-01', candidateOn: '2021-07-01' }));
  const probationary = (joinedOn = '2025-06-01') => given(register({ appliedOn: '2020-01-01', joinedOn }));

  it('needs a year as activist before candidacy, and two full members in good standing as sponsors', () => {
    expect(
      refusal(activist(), {
        kind: 'DesignateDevelopmentCandidate',
        on: '2021-05-31',
        sponsors: [fullSponsor('s1'), fullSponsor('s2')],
        ...dated,
      }),
    ).toMatchObject({ code: 'ACTIVIST_PERIOD_TOO_SHORT', field: 'on' });
    expect(
      refusal(activist(), {
        kind: 'DesignateDevelopmentCandidate',
        on: '2021-06-01',
        sponsors: [fullSponsor('s1')],
        ...dated,
      }),
    ).toMatchObject({ code: 'SPONSORS_INVALID' });
    expect(
      refusal(activist(), {
        kind: 'DesignateDevelopmentCandidate',
        on: '2021-06-01',
        sponsors: [fullSponsor('s1'), { ...fullSponsor('s2'), stage: 'ProbationaryMember' }],
        ...dated,
      }),
    ).toMatchObject({ code: 'SPONSORS_INVALID' });
    expect(
      refusal(activist(), {
        kind: 'DesignateDevelopmentCandidate',
        on: '2021-06-01',
        sponsors: [fullSponsor('s1'), { ...fullSponsor('s2'), status: 'Suspended' }],
        ...dated,
      }),
    ).toMatchObject({ code: 'SPONSORS_INVALID' });
    expect(
      when(activist(), {
        kind: 'DesignateDevelopmentCandidate',
        on: '2021-06-01',
        sponsors: [fullSponsor('s1'), fullSponsor('s2')],
        ...dated,
      }),
    ).toEqual([
      {
        type: 'DevelopmentCandidateDesignated',
        data: { memberId: 'm-1', organizationId: 'b-1', on: '2021-06-01', sponsorIds: ['s1', 's2'] },
      },
    ]);
    expect(
      refusal(given(register({ appliedOn: '2020-01-01' })), {
        kind: 'DesignateDevelopmentCandidate',
        on: '2021-06-01',
        sponsors: [],
        ...dated,
      }),
    ).toMatchObject({ code: 'STAGE_NOT_ALLOWED' });
  });

  it('checks the branch meeting: more than half of the voting members attend and vote yes', () => {
    expect(refusal(candidate(), { kind: 'ResolveAdmission', vote: vote('2026-01-10', 10, 5, 5), ...dated })).toEqual({
      code: 'QUORUM_NOT_MET',
      field: 'vote.attending',
    });
    expect(refusal(candidate(), { kind: 'ResolveAdmission', vote: vote('2026-01-10', 10, 9, 5), ...dated })).toEqual({
      code: 'VOTE_NOT_PASSED',
      field: 'vote.inFavour',
    });
    expect(
      refusal(candidate(), { kind: 'ResolveAdmission', vote: vote('2026-01-10', 10, 11, 6), ...dated }),
    ).toMatchObject({ code: 'VOTE_INCONSISTENT' });
    expect(
      refusal(candidate(), { kind: 'ResolveAdmission', vote: vote('2026-01-10', 10, 6, 7), ...dated }),
    ).toMatchObject({ code: 'VOTE_INCONSISTENT' });
    expect(
      refusal(candidate(), { kind: 'ResolveAdmission', vote: vote('2021-06-30', 10, 6, 6), ...dated }),
    ).toMatchObject({ code: 'DATE_OUT_OF_ORDER' });
    const resolved = given(register({ appliedOn: '2020-01-01', activistOn: '2020-06-01', candidateOn: '2021-07-01' }), {
      kind: 'ResolveAdmission',
      vote: vote('2026-01-10', 10, 6, 6),
      ...dated,
    });
    expect(resolved.pendingDecision).toEqual({
      kind: 'Admission',
      vote: vote('2026-01-10', 10, 6, 6),
      approvalDueOn: '2026-04-10',
    });
    expect(refusal(resolved, { kind: 'ResolveAdmission', vote: vote('2026-01-11', 10, 6, 6), ...dated })).toMatchObject(
      { code: 'DECISION_ALREADY_PENDING' },
    );
  });

  it('admits on the superior approval: probationary from the meeting date for one year', () => {
    const resolved = given(register({ appliedOn: '2020-01-01', activistOn: '2020-06-01', candidateOn: '2021-07-01' }), {
      kind: 'ResolveAdmission',
      vote: vote('2026-01-10', 3, 2, 2),
      ...dated,
    });
    expect(
      refusal(resolved, {
        kind: 'ApproveAdmission',
        approvedOn: '2026-01-09',
        approverOrganizationId: 'street',
        ...dated,
      }),
    ).toMatchObject({ code: 'DATE_OUT_OF_ORDER' });
    const admitted = given(
      register({ appliedOn: '2020-01-01', activistOn: '2020-06-01', candidateOn: '2021-07-01' }),
      { kind: 'ResolveAdmission', vote: vote('2026-01-10', 3, 2, 2), ...dated },
      { kind: 'ApproveAdmission', approvedOn: '2026-02-01', approverOrganizationId: 'street', ...dated },
    );
    expect(admitted).toMatchObject({
      stage: 'ProbationaryMember',
      joinedOn: '2026-01-10',
      probationEndsOn: '2027-01-10',
      pendingDecision: null,
    });
    expect(
      refusal(candidate(), {
        kind: 'ApproveAdmission',
        approvedOn: '2026-02-01',
        approverOrganizationId: 'street',
        ...dated,
      }),
    ).toMatchObject({ code: 'NO_PENDING_DECISION' });
  });

  it('extends a probation once by 6–12 months, and decides full membership only after it ends', () => {
    const p = probationary('2025-06-01');
    expect(refusal(p, { kind: 'ExtendProbation', on: '2026-05-01', months: 5, ...dated })).toMatchObject({
      code: 'EXTENSION_OUT_OF_RANGE',
      field: 'months',
    });
    expect(refusal(p, { kind: 'ExtendProbation', on: '2026-05-01', months: 13, ...dated })).toMatchObject({
      code: 'EXTENSION_OUT_OF_RANGE',
    });
    const extended = given(register({ appliedOn: '2020-01-01', joinedOn: '2025-06-01' }), {
      kind: 'ExtendProbation',
      on: '2026-05-01',
      months: 6,
      ...dated,
    });
    expect(extended.probationEndsOn).toBe('2026-12-01');
    expect(refusal(extended, { kind: 'ExtendProbation', on: '2026-05-02', months: 6, ...dated })).toMatchObject({
      code: 'PROBATION_ALREADY_EXTENDED',
    });
    expect(refusal(p, { kind: 'ResolveFullMembership', vote: vote('2026-05-31', 5, 3, 3), ...dated })).toMatchObject({
      code: 'PROBATION_NOT_ENDED',
    });
    const full = given(
      register({ appliedOn: '2020-01-01', joinedOn: '2025-06-01' }),
      { kind: 'ResolveFullMembership', vote: vote('2026-06-05', 5, 3, 3), ...dated },
      { kind: 'ApproveFullMembership', approvedOn: '2026-06-20', approverOrganizationId: 'street', ...dated },
    );
    expect(full).toMatchObject({ stage: 'FullMember', fullMembershipOn: '2026-06-01' });
  });

  it('cancels a probation: the person is no longer counted and takes no further steps', () => {
    const cancelled = given(register({ appliedOn: '2020-01-01', joinedOn: '2025-06-01' }), {
      kind: 'CancelProbation',
      on: '2026-01-01',
      reason: '不合格',
      ...dated,
    });
    expect(cancelled.probationCancelled).toBe(true);
    expect(refusal(cancelled, { kind: 'ExtendProbation', on: '2026-02-01', months: 6, ...dated })).toMatchObject({
      code: 'MEMBERSHIP_ENDED',
    });
  });

  it('lists deadlines: approvals pending past their due date, probations ending soon or ended without a decision', () => {
    const pending = given(register({ appliedOn: '2020-01-01', activistOn: '2020-06-01', candidateOn: '2021-07-01' }), {
      kind: 'ResolveAdmission',
      vote: vote('2026-06-01', 3, 2, 2),
      ...dated,
    });
    expect(pipelineDeadline(pending, today, rules)).toEqual({
      kind: 'ADMISSION_APPROVAL',
      dueOn: '2026-08-30',
      status: 'OVERDUE',
    });
    expect(pipelineDeadline(probationary('2025-12-10'), today, rules)).toEqual({
      kind: 'PROBATION_ENDING',
      dueOn: '2026-12-10',
      status: 'DUE',
    });
    expect(pipelineDeadline(probationary('2025-10-01'), today, rules)).toEqual({
      kind: 'PROBATION_ENDING',
      dueOn: '2026-10-01',
      status: 'OVERDUE',
    });
    expect(pipelineDeadline(probationary('2026-06-01'), today, rules)).toBeNull();
  });
});

describe('membership status, lost contact and lapse', () => {
  const full = () => given(register({ joinedOn: '2010-07-01', fullMembershipOn: '2011-07-01' }));

  it('suspends only after 6 months of lost contact, and restores within 2 years', () => {
    expect(
      refusal(full(), {
        kind: 'ChangeMembershipStatus',
        status: 'Suspended',
        on: '2026-11-01',
        reason: '失联',
        ...dated,
      }),
    ).toMatchObject({ code: 'LOST_CONTACT_TOO_SHORT' });
    const lost = given(register({ joinedOn: '2010-07-01', fullMembershipOn: '2011-07-01' }), {
      kind: 'RecordLostContact',
      since: '2026-06-01',
      ...dated,
    });
    expect(
      refusal(lost, {
        kind: 'ChangeMembershipStatus',
        status: 'Suspended',
        on: '2026-11-01',
        reason: '失联',
        ...dated,
      }),
    ).toMatchObject({ code: 'LOST_CONTACT_TOO_SHORT' });
    expect(isSuspensionCandidate(lost, today, rules)).toBe(false);
    expect(isSuspensionCandidate(lost, '2026-12-01', rules)).toBe(true);
    const suspended = given(
      register({ joinedOn: '2010-07-01', fullMembershipOn: '2011-07-01' }),
      { kind: 'RecordLostContact', since: '2024-01-01', ...dated },
      { kind: 'ChangeMembershipStatus', status: 'Suspended', on: '2024-07-01', reason: '失联', ...dated },
    );
    expect(
      refusal(suspended, {
        kind: 'ChangeMembershipStatus',
        status: 'Restored',
        on: '2026-07-02',
        reason: '恢复',
        ...dated,
      }),
    ).toMatchObject({ code: 'RESTORATION_WINDOW_PASSED' });
    expect(
      when(suspended, {
        kind: 'ChangeMembershipStatus',
        status: 'Restored',
        on: '2026-07-01',
        reason: '恢复',
        ...dated,
      })[0],
    ).toMatchObject({ type: 'MembershipStatusChanged', data: { status: 'Restored', previousStatus: 'Suspended' } });
  });

  it('ends membership for good: an ended status allows no transition and no step', () => {
    const deceased = given(register({ joinedOn: '2010-07-01', fullMembershipOn: '2011-07-01' }), {
      kind: 'ChangeMembershipStatus',
      status: 'Deceased',
      on: '2026-01-01',
      reason: '病故',
      ...dated,
    });
    expect(
      refusal(deceased, { kind: 'ChangeMembershipStatus', status: 'Normal', on: '2026-02-01', reason: 'x', ...dated }),
    ).toMatchObject({ code: 'MEMBERSHIP_ENDED' });
    expect(
      refusal(full(), { kind: 'ChangeMembershipStatus', status: 'Normal', on: '2026-02-01', reason: 'x', ...dated }),
    ).toMatchObject({ code: 'NOTHING_CHANGES' });
    expect(
      refusal(full(), { kind: 'ChangeMembershipStatus', status: 'Restored', on: '2026-02-01', reason: 'x', ...dated }),
    ).toMatchObject({ code: 'STATUS_TRANSITION_NOT_ALLOWED' });
  });

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

describe('voting members on a meeting date', () => {
  it('given a member full since 2011 and suspended in 2024, then they voted in 2023 but not in 2025, and not before 2011', () => {
    const suspended = given(
      register({ joinedOn: '2010-07-01', fullMembershipOn: '2011-07-01' }),
      { kind: 'RecordLostContact', since: '2023-06-01', ...dated },
      { kind: 'ChangeMembershipStatus', status: 'Suspended', on: '2024-01-01', reason: '失联', ...dated },
    );
    expect(statusOn(suspended, '2023-12-31')).toBe('Normal');
    expect(statusOn(suspended, '2024-01-01')).toBe('Suspended');
    expect(isVotingOn(suspended, '2023-12-31')).toBe(true);
    expect(isVotingOn(suspended, '2025-03-01')).toBe(false);
    expect(isVotingOn(suspended, '2011-06-30')).toBe(false);
  });
  it('given a member who died after the meeting, then they were a voting member on its date', () => {
    const deceased = given(register({ joinedOn: '2010-07-01', fullMembershipOn: '2011-07-01' }), {
      kind: 'ChangeMembershipStatus',
      status: 'Deceased',
      on: '2026-01-01',
      reason: '病故',
      ...dated,
    });
    expect(isVotingOn(deceased, '2025-12-31')).toBe(true);
    expect(isVotingOn(deceased, '2026-01-01')).toBe(false);
  });
  it('given a probationary member, then they are not a voting member', () => {
    expect(isVotingOn(given(register({ joinedOn: '2026-03-01' })), today)).toBe(false);
  });
});

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

describe('personal data', () => {
  it('erases once: the ciphertext is dropped from the state, history stays', () => {
    const m = given(register({ joinedOn: '2010-07-01' }), {
      kind: 'ErasePersonalData',
      on: today,
      reason: '申请删除',
      ...dated,
    });
    expect(m).toMatchObject({ protectedData: null, personalDataErasedOn: today, stage: 'ProbationaryMember' });
    expect(refusal(m, { kind: 'ErasePersonalData', on: today, reason: 'again', ...dated })).toMatchObject({
      code: 'PERSONAL_DATA_ERASED',
    });
  });
});
