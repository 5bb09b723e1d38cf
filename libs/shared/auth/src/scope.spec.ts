import { type Caller, canRead, canWrite, listableDistrict, callerFromClaims } from './index';

const caller = (role: Caller['role'], extra: Partial<Caller> = {}): Caller => ({
  subject: 's',
  role,
  district: null,
  organizationId: null,
  memberId: null,
  ...extra,
});
const inHuangpu = { district: 'huangpu', organizationPath: ['city', 'huangpu-committee', 'street-1', 'branch-1'] };

describe('scopes by role', () => {
  it('city admin reads and writes everything', () => {
    expect(canRead(caller('CITY_ADMIN'), inHuangpu)).toBe(true);
    expect(canWrite(caller('CITY_ADMIN'), inHuangpu)).toBe(true);
  });
  it('district admin only in their district', () => {
    expect(canWrite(caller('DISTRICT_ADMIN', { district: 'huangpu' }), inHuangpu)).toBe(true);
    expect(canRead(caller('DISTRICT_ADMIN', { district: 'xuhui' }), inHuangpu)).toBe(false);
    expect(() => listableDistrict(caller('DISTRICT_ADMIN', { district: 'xuhui' }), 'huangpu')).toThrow(/outside/);
    expect(listableDistrict(caller('DISTRICT_ADMIN', { district: 'xuhui' }), null)).toBe('xuhui');
  });
  it('organization admin only in their subtree', () => {
    expect(canWrite(caller('ORGANIZATION_ADMIN', { organizationId: 'street-1' }), inHuangpu)).toBe(true);
    expect(canWrite(caller('ORGANIZATION_ADMIN', { organizationId: 'street-2' }), inHuangpu)).toBe(false);
  });
  it('member reads only their own organization and changes nothing', () => {
    expect(canRead(caller('MEMBER', { organizationId: 'branch-1', memberId: 'm' }), inHuangpu)).toBe(true);
    expect(canRead(caller('MEMBER', { organizationId: 'street-1', memberId: 'm' }), inHuangpu)).toBe(false);
    expect(canWrite(caller('MEMBER', { organizationId: 'branch-1', memberId: 'm' }), inHuangpu)).toBe(false);
  });
  it('analytics reader reads, never writes', () => {
    expect(canRead(caller('ANALYTICS_READER'), inHuangpu)).toBe(true);
    expect(canRead(caller('ANALYTICS_READER', { district: 'xuhui' }), inHuangpu)).toBe(false);
    expect(canWrite(caller('ANALYTICS_READER'), inHuangpu)).toBe(false);
  });
  it('refuses tokens whose claims do not fit the role', () => {
    expect(() => callerFromClaims({ sub: 'a', role: 'DISTRICT_ADMIN' })).toThrow(/needs a district/);
    expect(() => callerFromClaims({ sub: 'a', role: 'ROOT' })).toThrow(/role/);
    expect(callerFromClaims({ sub: 'a', role: 'CITY_ADMIN', district: 7 })).toMatchObject({ district: null });
  });
});
