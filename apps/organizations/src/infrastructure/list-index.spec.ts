import { listChanges, regionKeysOf } from './list-index';
import {
  meetingEntry,
  meetingsIn,
  organizationEntry,
  parseOrganizationEntry,
  regionKey,
} from '../application/list-keys';

describe('organization lists by exact key', () => {
  it('lists a unit under every combination of the levels its region has, and an organization by district and city', () => {
    expect(regionKeysOf('unit', { district: 'hp', street: 'nj', community: 'gz' }).sort()).toEqual(
      [
        [null, null, null],
        ['hp', null, null],
        [null, 'nj', null],
        ['hp', 'nj', null],
        [null, null, 'gz'],
        ['hp', null, 'gz'],
        [null, 'nj', 'gz'],
        ['hp', 'nj', 'gz'],
      ]
        .map(([district, street, community]) => regionKey('unit', { district, street, community }))
        .sort(),
    );
    expect(regionKeysOf('building', { district: 'hp', street: null, community: null })).toEqual([
      regionKey('building', {}),
      regionKey('building', { district: 'hp' }),
    ]);
    expect(regionKeysOf('organization', { district: 'hp', street: 'nj', community: 'gz' })).toEqual([
      regionKey('organization', {}),
      regionKey('organization', { district: 'hp' }),
    ]);
    expect(regionKeysOf('organization', { district: null, street: null, community: null })).toEqual([
      regionKey('organization', {}),
    ]);
    expect(regionKey('unit', { street: 'nj' })).toBe('unit:[null,"nj",null]');
    expect(regionKey('unit', { district: '', street: 'nj', community: null })).toBe('unit:[null,"nj",null]');
  });

  it('moves an entry between lists: pulls where it left or changed, adds where it arrived or changed, nothing when the same', () => {
    const before = { keys: ['a', 'b'], entry: 'x|Branch|active' };
    expect(listChanges(null, before)).toEqual([
      { updateOne: { filter: { _id: 'a' }, update: { $addToSet: { entries: 'x|Branch|active' } }, upsert: true } },
      { updateOne: { filter: { _id: 'b' }, update: { $addToSet: { entries: 'x|Branch|active' } }, upsert: true } },
    ]);
    expect(listChanges(before, before)).toEqual([]);
    expect(listChanges(before, { keys: ['a', 'c'], entry: 'x|Branch|active' })).toEqual([
      { updateOne: { filter: { _id: 'b' }, update: { $pull: { entries: 'x|Branch|active' } } } },
      { updateOne: { filter: { _id: 'c' }, update: { $addToSet: { entries: 'x|Branch|active' } }, upsert: true } },
    ]);
    // dissolved: the same lists, the entry replaced (pulled first)
    const ops = listChanges(before, { keys: ['a', 'b'], entry: 'x|Branch|dissolved' });
    expect(ops.map((o) => ('updateOne' in o ? Object.keys(o.updateOne.update)[0] : ''))).toEqual([
      '$pull',
      '$pull',
      '$addToSet',
      '$addToSet',
    ]);
    expect(listChanges(before, null)).toHaveLength(2);
  });

  it('encodes organizations with type and status, and meetings in date order within a period', () => {
    const entry = organizationEntry({ _id: 'b-1', type: 'Branch', status: 'merged' });
    expect(parseOrganizationEntry(entry)).toEqual({ id: 'b-1', type: 'Branch', status: 'merged' });
    const entries = [
      meetingEntry({ id: 'm-3', heldOn: '2024-03-01' }),
      meetingEntry({ id: 'm-2', heldOn: '2024-01-05' }),
      meetingEntry({ id: 'm-1', heldOn: '2024-03-01' }),
    ];
    expect(meetingsIn(entries, null, null).map((m) => m.id)).toEqual(['m-2', 'm-1', 'm-3']);
    expect(meetingsIn(entries, '2024-02-01', '2024-03-01').map((m) => m.id)).toEqual(['m-1', 'm-3']);
    expect(meetingsIn(entries, null, '2024-02-01')).toEqual([{ id: 'm-2', heldOn: '2024-01-05' }]);
  });
});
