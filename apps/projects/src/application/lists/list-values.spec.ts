import { type Need, type Resource } from '@lianjian/projects-domain';
import {
  needListValue,
  needMatches,
  parseNeedListValue,
  parseResourceListValue,
  resourceListValue,
  resourceMatches,
} from './list-values';

const need = { status: 'Open', submittedOn: '2026-10-01', needKind: 'Wish', category: 'PublicServices' } as Need;
const resource = (r: Partial<Resource>): Resource =>
  ({
    withdrawnOn: null,
    remaining: 10,
    offeredOn: '2026-01-01',
    resourceKind: 'Venue',
    categories: ['PublicServices', 'SocialValue'],
    availableFrom: '2026-02-01',
    availableUntil: '2026-06-30',
    ...r,
  }) as Resource;

describe('list values of needs and resources', () => {
  it('filters needs by status, kind and category from the list entry alone', () => {
    const v = parseNeedListValue(needListValue(need));
    expect(v).toEqual({ status: 'Open', submittedOn: '2026-10-01', needKind: 'Wish', category: 'PublicServices' });
    expect(needMatches(v, {})).toBe(true);
    expect(needMatches(v, { status: 'Open', needKind: 'Wish', category: 'PublicServices' })).toBe(true);
    expect(needMatches(v, { status: 'Declined' })).toBe(false);
    expect(needMatches(v, { needKind: 'Idea' })).toBe(false);
    expect(needMatches(v, { category: 'SocialValue' })).toBe(false);
  });

  it('filters resources by kind, category and the day they can still be committed', () => {
    const v = parseResourceListValue(resourceListValue(resource({})));
    expect(v.status).toBe('Available');
    expect(resourceMatches(v, { category: 'SocialValue', resourceKind: 'Venue' })).toBe(true);
    expect(resourceMatches(v, { resourceKind: 'Funds' })).toBe(false);
    expect(resourceMatches(v, { availableOn: '2026-02-01' })).toBe(true);
    expect(resourceMatches(v, { availableOn: '2026-06-30' })).toBe(true);
    expect(resourceMatches(v, { availableOn: '2026-01-31' })).toBe(false);
    expect(resourceMatches(v, { availableOn: '2026-07-01' })).toBe(false);
    const open = parseResourceListValue(resourceListValue(resource({ availableUntil: null })));
    expect(open.availableUntil).toBeNull();
    expect(resourceMatches(open, { availableOn: '2099-01-01' })).toBe(true);
    for (const gone of [resource({ withdrawnOn: '2026-03-01' }), resource({ remaining: 0 })])
      expect(resourceMatches(parseResourceListValue(resourceListValue(gone)), { availableOn: '2026-03-01' })).toBe(
        false,
      );
  });
});
