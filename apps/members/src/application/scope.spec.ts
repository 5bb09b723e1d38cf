import { AuthError } from '@lianjian/auth';
import { testCaller } from '@lianjian/testing';
import { type MemberView } from './read-models';
import { InMemoryOrganizations } from '../testing/in-memory-ports';
import { MemberScope } from './scope';

// Who sees and changes which members, on an in-memory organization tree.
const tree = () => {
  const o = new InMemoryOrganizations();
  o.add({ _id: 'city', type: 'Committee' });
  o.add({ _id: 'huangpu', type: 'Committee', parentId: 'city', district: 'huangpu' });
  o.add({ _id: 'street', type: 'Committee', parentId: 'huangpu' });
  o.add({ _id: 'b-1', parentId: 'street' });
  o.add({ _id: 'b-2', parentId: 'huangpu' });
  o.add({ _id: 'xuhui', type: 'Committee', parentId: 'city', district: 'xuhui' });
  o.add({ _id: 'b-3', parentId: 'xuhui' });
  return new MemberScope(o);
};
const member = (id: string, organizationId: string) => ({ _id: id, organizationId }) as MemberView;

const CITY = testCaller('CITY_ADMIN');
const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });
const STREET = testCaller('ORGANIZATION_ADMIN', { organizationId: 'street' });
const ANALYST = testCaller('ANALYTICS_READER');
const HUANGPU_ANALYST = testCaller('ANALYTICS_READER', { district: 'huangpu' });
const SELF = testCaller('MEMBER', { memberId: 'm-1', organizationId: 'b-1' });

describe('member scope', () => {
  const inB1 = member('m-1', 'b-1');
  const inB2 = member('m-2', 'b-2');
  const inB3 = member('m-3', 'b-3');

  it('reads: the city everyone, a district its own, an organization admin its subtree, a member only themself', async () => {
    const scope = tree();
    const ids = async (caller: typeof CITY) =>
      (
        await Promise.all([inB1, inB2, inB3].map(async (m) => ((await scope.canRead(caller, m)) ? m._id : null)))
      ).filter(Boolean);
    expect(await ids(CITY)).toEqual(['m-1', 'm-2', 'm-3']);
    expect(await ids(HUANGPU)).toEqual(['m-1', 'm-2']);
    expect(await ids(STREET)).toEqual(['m-1']);
    expect(await ids(ANALYST)).toEqual(['m-1', 'm-2', 'm-3']);
    expect(await ids(HUANGPU_ANALYST)).toEqual(['m-1', 'm-2']);
    expect(await ids(SELF)).toEqual(['m-1']);
    await expect(scope.assertRead(STREET, inB2)).rejects.toBeInstanceOf(AuthError);
  });

  it('writes: admins within their scope; analytics and members never', async () => {
    const scope = tree();
    const target = await scope.target(inB1);
    expect(target).toEqual({ district: 'huangpu', organizationPath: ['city', 'huangpu', 'street', 'b-1'] });
    expect(() => scope.assertWrite(CITY, target)).not.toThrow();
    expect(() => scope.assertWrite(HUANGPU, target)).not.toThrow();
    expect(() => scope.assertWrite(STREET, target)).not.toThrow();
    for (const caller of [ANALYST, SELF, testCaller('DISTRICT_ADMIN', { district: 'xuhui' })])
      expect(() => scope.assertWrite(caller, target)).toThrow(AuthError);
    expect(() =>
      scope.assertWrite(STREET, { district: 'huangpu', organizationPath: ['city', 'huangpu', 'b-2'] }),
    ).toThrow(AuthError);
  });

  it('reveals personal data to the member and to admins whose scope holds them, never to analytics', async () => {
    const scope = tree();
    expect(await scope.canReveal(SELF, inB1)).toBe(true);
    expect(await scope.canReveal(SELF, inB2)).toBe(false);
    expect(await scope.canReveal(STREET, inB1)).toBe(true);
    expect(await scope.canReveal(STREET, inB2)).toBe(false);
    expect(await scope.canReveal(ANALYST, inB1)).toBe(false);
    expect(await scope.canReveal(CITY, inB3)).toBe(true);
  });

  it('lists: the organizations a caller may list, and an organization asked for checked against them', async () => {
    const scope = tree();
    expect(await scope.readable(CITY)).toEqual({ organizations: null });
    expect(await scope.readable(ANALYST)).toEqual({ organizations: null });
    const district = (await scope.readable(HUANGPU)) as { organizations: string[] };
    expect(new Set(district.organizations)).toEqual(new Set(['huangpu', 'street', 'b-1', 'b-2']));
    expect(await scope.readable(STREET)).toEqual({ organizations: ['street', 'b-1'] });
    expect(await scope.readable(SELF)).toEqual({ memberId: 'm-1' });
    expect(await scope.organizationsToList(HUANGPU, 'street', true)).toEqual(['street', 'b-1']);
    expect(await scope.organizationsToList(HUANGPU, 'street', false)).toEqual(['street']);
    await expect(scope.organizationsToList(HUANGPU, 'xuhui', true)).rejects.toBeInstanceOf(AuthError);
    await expect(scope.organizationsToList(STREET, 'b-2', false)).rejects.toBeInstanceOf(AuthError);
    await expect(scope.organizationsToList(CITY, 'nowhere', false)).rejects.toMatchObject({
      code: 'ORGANIZATION_NOT_FOUND',
    });
  });
});
