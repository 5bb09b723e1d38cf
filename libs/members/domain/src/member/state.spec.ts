import { isVotingOn, statusOn } from './state';
import { dated, given, register, today } from './member.fixtures';

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
