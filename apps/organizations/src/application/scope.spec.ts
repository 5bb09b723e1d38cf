import { testCaller as caller } from '@lianjian/testing';
import { readableBy } from './scope';

const org = (_id: string, ancestorIds: string[], district: string | null) => ({
  _id,
  ancestorIds,
  region: { district, street: null, community: null },
});

describe('readableBy: which organizations a caller may list', () => {
  const branch = org('b-1', ['city', 'huangpu', 'c-1'], 'huangpu');
  it('follows the roles', () => {
    expect(readableBy(caller('CITY_ADMIN'))(branch)).toBe(true);
    expect(readableBy(caller('ANALYTICS_READER'))(branch)).toBe(true);
    expect(readableBy(caller('ANALYTICS_READER', { district: 'xuhui' }))(branch)).toBe(false);
    expect(readableBy(caller('DISTRICT_ADMIN', { district: 'huangpu' }))(branch)).toBe(true);
    expect(readableBy(caller('DISTRICT_ADMIN', { district: 'xuhui' }))(branch)).toBe(false);
    expect(readableBy(caller('ORGANIZATION_ADMIN', { organizationId: 'c-1' }))(branch)).toBe(true);
    expect(
      readableBy(caller('ORGANIZATION_ADMIN', { organizationId: 'c-1' }))(org('c-1', ['city', 'huangpu'], 'huangpu')),
    ).toBe(true);
    expect(
      readableBy(caller('ORGANIZATION_ADMIN', { organizationId: 'b-1' }))(org('c-1', ['city', 'huangpu'], 'huangpu')),
    ).toBe(false);
    expect(readableBy(caller('MEMBER', { organizationId: 'b-1' }))(branch)).toBe(true);
    expect(readableBy(caller('MEMBER', { organizationId: 'b-2' }))(branch)).toBe(false);
  });
});
