import { isSuspensionCandidate } from '../lapse';
import { dated, given, refusal, register, rules, today, when } from './member.fixtures';

describe('membership status and lost contact', () => {
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
});
