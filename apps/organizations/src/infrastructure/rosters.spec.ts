import { memberRosterChanges } from './rosters';

const fact = (
  organizationId: string,
  unitId: string | null,
  stage = 'FullMember',
  status = 'Normal',
  counted = true,
) => ({ organizationId, unitId, stage, status, counted });
const set = (key: string, value: string) => ({
  updateOne: { filter: { _id: key }, update: { $set: { 'members.m1': value } }, upsert: true },
});
const unset = (key: string) => ({
  updateOne: { filter: { _id: key }, update: { $unset: { 'members.m1': '' } }, upsert: true },
});

describe('member roster changes', () => {
  it('puts a new member on its organization and unit rosters', () => {
    expect(memberRosterChanges('m1', null, fact('b-1', 'u-1'))).toEqual([
      set('org:b-1', 'FullMember|Normal|1'),
      set('unit:u-1', 'FullMember|Normal|1'),
    ]);
  });

  it('writes nothing for an event that changes no fact, and rewrites the entry when the stage or status changes', () => {
    expect(memberRosterChanges('m1', fact('b-1', 'u-1'), fact('b-1', 'u-1'))).toEqual([]);
    expect(memberRosterChanges('m1', fact('b-1', null), fact('b-1', null, 'FullMember', 'Deceased', false))).toEqual([
      set('org:b-1', 'FullMember|Deceased|0'),
    ]);
  });

  it('takes a member off the rosters it left', () => {
    expect(memberRosterChanges('m1', fact('b-1', 'u-1'), fact('b-2', null))).toEqual([
      unset('org:b-1'),
      unset('unit:u-1'),
      set('org:b-2', 'FullMember|Normal|1'),
    ]);
  });
});
