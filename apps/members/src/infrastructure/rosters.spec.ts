import { type MembershipStatus, type Stage } from '@lianjian/members-domain';
import { rosterChanges } from './rosters';

const placed = (organizationId: string, stage: Stage = 'FullMember', status: MembershipStatus = 'Normal') => ({
  organizationId,
  stage,
  status,
});

describe('roster changes', () => {
  it('adds a new member to its organization, and writes nothing when neither place, stage nor status changed', () => {
    expect(rosterChanges([{ id: 'm1', before: null, after: placed('b-1') }])).toEqual([
      { updateOne: { filter: { _id: 'b-1' }, update: { $set: { 'members.m1': 'FullMember|Normal' } }, upsert: true } },
    ]);
    expect(rosterChanges([{ id: 'm1', before: placed('b-1'), after: placed('b-1') }])).toEqual([]);
  });

  it('moves a member between organizations with one write to each, and groups members of one organization', () => {
    const ops = rosterChanges([
      { id: 'm1', before: placed('b-1'), after: placed('b-2', 'FullMember', 'Suspended') },
      { id: 'm2', before: placed('b-2', 'Activist'), after: placed('b-2', 'DevelopmentCandidate') },
    ]);
    expect(ops).toEqual([
      { updateOne: { filter: { _id: 'b-1' }, update: { $unset: { 'members.m1': '' } }, upsert: true } },
      {
        updateOne: {
          filter: { _id: 'b-2' },
          update: { $set: { 'members.m1': 'FullMember|Suspended', 'members.m2': 'DevelopmentCandidate|Normal' } },
          upsert: true,
        },
      },
    ]);
  });
});
