import { AuthError } from '@lianjian/auth';
import { OrganizationRuleViolation } from '@lianjian/organizations-domain';
import { testCaller as caller } from '@lianjian/testing';
import { establishedTree, inMemoryApplication } from '../../testing/in-memory-application';

const CITY = caller('CITY_ADMIN');
const region = (district: string | null, street: string | null = null, community: string | null = null) => ({
  district,
  street,
  community,
});
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal, but the command was accepted');
    },
    (error: unknown) => error,
  );

describe('lifecycle commands on in-memory ports', () => {
  it('establishes organizations placed in the tree, one commit each and a reservation on the parent, and wakes the relay', async () => {
    const app = inMemoryApplication();
    const tree = await establishedTree(app, CITY);
    expect(tree.city).toMatchObject({ _id: 'city', parentId: null, depth: 0, version: 1, ancestorIds: [] });
    expect(tree.branch).toMatchObject({
      _id: 'b-1',
      parentId: 'c-1',
      ancestorIds: ['city', 'huangpu', 'nanjing-east', 'c-1'],
      depth: 4,
      region: { district: 'huangpu', street: 'nanjing-east', community: 'guizhou' },
      status: 'active',
      version: 1,
    });
    const events = await app.store.readStream('organization-b-1');
    expect(events.map((e) => [e.type, e.streamVersion])).toEqual([['OrganizationEstablished', 1]]);
    // each organization below another first reserved its place on the parent's gate (not published: no wake-up)
    expect((await app.store.readStream('gate-organization-c-1')).map((e) => e.data)).toEqual([
      expect.objectContaining({ organizationId: 'c-1', subordinateId: 'b-1', purpose: 'Subordinate' }),
    ]);
    expect(app.store.lastWrittenPosition).toBe(11);
    expect(app.notified.appends).toBe(6);
  });

  it('leaves a top-level committee to the city admin and keeps a district admin to their district, writing nothing', async () => {
    const app = inMemoryApplication();
    await establishedTree(app, CITY);
    const huangpuAdmin = caller('DISTRICT_ADMIN', { district: 'huangpu' });
    const base = {
      name: '新党委',
      organizationType: 'Committee' as const,
      establishedOn: '2024-01-01',
      documentNumber: 'd-1',
    };
    expect(
      await refusal(app.lifecycle.establish(huangpuAdmin, { ...base, parentId: null, region: region('huangpu') })),
    ).toMatchObject({ code: 'FORBIDDEN' });
    const outside = await refusal(
      app.lifecycle.establish(huangpuAdmin, { ...base, parentId: 'xuhui', region: region('xuhui') }),
    );
    expect(outside).toBeInstanceOf(AuthError);
    expect(outside).toMatchObject({ code: 'FORBIDDEN' });
    // the region given must be the admin's too, even below an organization of their district
    expect(
      await refusal(app.lifecycle.establish(huangpuAdmin, { ...base, parentId: 'huangpu', region: region('xuhui') })),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(app.store.lastWrittenPosition).toBe(11); // six establishments, five reservations
  });

  it('names the parent or units it cannot find, with the field at fault', async () => {
    const app = inMemoryApplication();
    await establishedTree(app, CITY);
    const base = {
      name: '支部',
      organizationType: 'Branch' as const,
      establishedOn: '2024-01-01',
      documentNumber: 'd-1',
    };
    const noParent = await refusal(
      app.lifecycle.establish(CITY, { ...base, parentId: 'nowhere', region: region('huangpu') }),
    );
    expect(noParent).toBeInstanceOf(OrganizationRuleViolation);
    expect(noParent).toMatchObject({ code: 'PARENT_NOT_FOUND', field: 'parentId' });
    expect(
      await refusal(
        app.lifecycle.establish(CITY, { ...base, parentId: 'c-1', region: region('huangpu'), unitIds: ['u-9'] }),
      ),
    ).toMatchObject({ code: 'UNIT_NOT_FOUND', field: 'unitIds' });
    expect(app.store.lastWrittenPosition).toBe(11); // six establishments, five reservations
  });

  it('reparents a branch below another community, answering with its new place; its own admin may not move it', async () => {
    const app = inMemoryApplication();
    await establishedTree(app, CITY);
    await app.establish(CITY, {
      organizationId: 'c-2',
      name: '云南居民区党委',
      organizationType: 'Committee',
      parentId: 'nanjing-east',
      region: region('huangpu', 'nanjing-east', 'yunnan'),
      establishedOn: '2020-01-01',
      documentNumber: 'd-2',
    });
    const ownAdmin = caller('ORGANIZATION_ADMIN', { organizationId: 'b-1', district: 'huangpu' });
    expect(await refusal(app.lifecycle.reparent(ownAdmin, { organizationId: 'b-1', parentId: 'c-2' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const streetAdmin = caller('ORGANIZATION_ADMIN', { organizationId: 'nanjing-east', district: 'huangpu' });
    const moved = await app.lifecycle.reparent(streetAdmin, {
      organizationId: 'b-1',
      parentId: 'c-2',
      effectiveOn: '2024-05-01',
      documentNumber: 'd-3',
    });
    expect(moved).toMatchObject({
      _id: 'b-1',
      parentId: 'c-2',
      ancestorIds: ['city', 'huangpu', 'nanjing-east', 'c-2'],
      depth: 4,
      version: 2,
    });
    const events = await app.store.readStream('organization-b-1');
    expect(events.map((e) => e.type)).toEqual(['OrganizationEstablished', 'OrganizationReparented']);
    expect(events[1]).toMatchObject({ data: { parentId: 'c-2', effectiveOn: '2024-05-01' } });
  });

  it('applies a repeated command once: the same command id answers the same organization without a second commit', async () => {
    const app = inMemoryApplication();
    await establishedTree(app, CITY);
    const rename = { organizationId: 'b-1', name: '第一党支部（更名）', effectiveOn: '2024-02-01', commandId: 'cmd-1' };
    const first = await app.lifecycle.rename(CITY, rename);
    app.views.placeOrganization(first);
    const again = await app.lifecycle.rename(CITY, rename);
    expect(first).toMatchObject({ name: '第一党支部（更名）', version: 2 });
    expect(again).toMatchObject({ name: '第一党支部（更名）', version: 2 });
    expect((await app.store.readStream('organization-b-1')).length).toBe(2);
  });

  it('refuses to dissolve an organization its roster still has members in, or one with active children', async () => {
    const app = inMemoryApplication();
    await establishedTree(app, CITY);
    app.views.roster('org', 'b-1', [{ memberId: 'm-1', stage: 'FullMember', status: 'Normal', counted: true }]);
    const dissolve = { reason: '撤销', documentNumber: 'd-4', effectiveOn: '2024-03-01' };
    expect(await refusal(app.lifecycle.dissolve(CITY, { ...dissolve, organizationId: 'b-1' }))).toMatchObject({
      code: 'ORGANIZATION_HAS_MEMBERS',
    });
    expect(await refusal(app.lifecycle.dissolve(CITY, { ...dissolve, organizationId: 'c-1' }))).toMatchObject({
      code: 'ORGANIZATION_HAS_CHILDREN',
    });
    app.views.roster('org', 'b-1', [{ memberId: 'm-1', stage: 'FullMember', status: 'Transferred', counted: false }]);
    expect(await app.lifecycle.dissolve(CITY, { ...dissolve, organizationId: 'b-1' })).toMatchObject({
      status: 'dissolved',
      version: 2,
    });
  });

  it('merges an organization with members into a branch (they move with it, ADR 0024), never into a committee', async () => {
    const app = inMemoryApplication();
    await establishedTree(app, CITY);
    await app.establish(CITY, {
      organizationId: 'b-2',
      name: '第二联合党支部',
      organizationType: 'JointBranch',
      parentId: 'c-1',
      region: region('huangpu', 'nanjing-east', 'guizhou'),
      establishedOn: '2022-01-01',
      documentNumber: 'd-2',
    });
    app.views.roster('org', 'b-2', [
      { memberId: 'm-1', stage: 'FullMember', status: 'Normal', counted: true },
      { memberId: 'm-2', stage: 'ProbationaryMember', status: 'Normal', counted: true },
    ]);
    const merge = { organizationId: 'b-2', targetId: 'b-1', documentNumber: 'm-1', effectiveOn: '2024-03-01' };
    expect(await refusal(app.lifecycle.merge(CITY, { ...merge, targetId: 'c-1' }))).toMatchObject({
      code: 'ORGANIZATION_HAS_MEMBERS',
      field: 'targetId',
      message: expect.stringContaining('2 members'),
    });
    expect(await app.store.streamVersion('organization-b-2')).toBe(1);
    expect(await app.lifecycle.merge(CITY, merge)).toMatchObject({ status: 'merged', mergedIntoId: 'b-1' });
  });

  it('makes an independent branch by a change of type only with three full members on its roster', async () => {
    const app = inMemoryApplication();
    await establishedTree(app, CITY);
    const full = (memberId: string) => ({ memberId, stage: 'FullMember', status: 'Normal', counted: true });
    app.views.roster('org', 'b-1', [
      full('m-1'),
      full('m-2'),
      { memberId: 'm-3', stage: 'ProbationaryMember', status: 'Normal', counted: true },
    ]);
    const change = { organizationId: 'b-1', organizationType: 'Branch' as const, effectiveOn: '2024-03-01' };
    expect(await refusal(app.lifecycle.changeType(CITY, change))).toMatchObject({
      code: 'INSUFFICIENT_FULL_MEMBERS',
      field: 'organizationType',
    });
    app.views.roster('org', 'b-1', [full('m-1'), full('m-2'), full('m-3')]);
    expect(await app.lifecycle.changeType(CITY, change)).toMatchObject({ type: 'Branch', version: 2 });
  });
});
