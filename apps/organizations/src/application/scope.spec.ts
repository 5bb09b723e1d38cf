import { testCaller as caller } from '@lianjian/testing';
import { assertCanRead, assertCanWrite } from '@lianjian/auth';
import { type OrganizationView } from './read-models';
import { readableBy, relatedOf, scopeOf } from './scope';

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

describe('scopeOf and relatedOf: an organization as scope checks and tree rules see it', () => {
  const view = {
    _id: 'b-1',
    type: 'Branch',
    status: 'active',
    ancestorIds: ['city', 'huangpu', 'c-1'],
    region: { district: 'huangpu', street: 'nanjing-east', community: null },
  } as unknown as OrganizationView;

  it('scopes an organization by its district and its path from the root down to itself', () => {
    expect(scopeOf(view)).toEqual({ district: 'huangpu', organizationPath: ['city', 'huangpu', 'c-1', 'b-1'] });
    // an admin of an ancestor or of the organization writes to it; an admin of a sibling or another district does not
    expect(() => assertCanWrite(caller('ORGANIZATION_ADMIN', { organizationId: 'c-1' }), scopeOf(view))).not.toThrow();
    expect(() => assertCanWrite(caller('ORGANIZATION_ADMIN', { organizationId: 'b-1' }), scopeOf(view))).not.toThrow();
    expect(() => assertCanWrite(caller('ORGANIZATION_ADMIN', { organizationId: 'c-2' }), scopeOf(view))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => assertCanWrite(caller('DISTRICT_ADMIN', { district: 'xuhui' }), scopeOf(view))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    // a member reads their own organization, and writes to none
    expect(() => assertCanRead(caller('MEMBER', { organizationId: 'b-1' }), scopeOf(view))).not.toThrow();
    expect(() => assertCanWrite(caller('MEMBER', { organizationId: 'b-1' }), scopeOf(view))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('hands the tree rules what they need of a related organization, nothing more', () => {
    expect(relatedOf(view)).toEqual({
      id: 'b-1',
      type: 'Branch',
      status: 'active',
      region: { district: 'huangpu', street: 'nanjing-east', community: null },
      ancestorIds: ['city', 'huangpu', 'c-1'],
    });
  });
});
