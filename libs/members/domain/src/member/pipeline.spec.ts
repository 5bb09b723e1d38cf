import { pipelineDeadline } from '../lapse';
import { dated, fullSponsor, given, refusal, register, rules, today, vote, when } from './member.fixtures';

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
      field: 'vote.meetingId',
    });
    expect(refusal(candidate(), { kind: 'ResolveAdmission', vote: vote('2026-01-10', 10, 9, 5), ...dated })).toEqual({
      code: 'VOTE_NOT_PASSED',
      field: 'vote.resolution',
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
