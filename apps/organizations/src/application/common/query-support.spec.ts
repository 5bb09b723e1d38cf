import { type Caller } from '@lianjian/auth';
import { type Organization } from '@lianjian/organizations-domain';
import { testCaller as caller } from '@lianjian/testing';
import { organizationEntry, regionKey } from '../list-keys';
import { type TimelineEntry } from '../read-models';
import { establishedTree, inMemoryApplication } from '../../testing/in-memory-application';
import { InMemoryReadModels } from '../../testing/in-memory-read-models';
import { HistoryQueries } from '../history/history.queries';

/** The tree of the command tests, and the lists the projection keeps of it (the city's and each district's). */
async function listedTree() {
  const app = inMemoryApplication();
  const tree = await establishedTree(app, caller('CITY_ADMIN'));
  const all = Object.values(tree);
  app.views.lists.set(regionKey('organization', { district: null }), all.map(organizationEntry));
  for (const district of ['huangpu', 'xuhui'])
    app.views.lists.set(
      regionKey('organization', { district }),
      all.filter((o) => o.region.district === district).map(organizationEntry),
    );
  return { ...app, tree };
}
const all = () => true;
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal, but the read was allowed');
    },
    (error: unknown) => error,
  );

describe('scope checks of the reads, on in-memory read models', () => {
  it('lists to each role only the organizations in its scope', async () => {
    const { queries } = await listedTree();
    const list = async (who: ReturnType<typeof caller>, district: string | null = null) =>
      (await queries.listableOrganizationIds(who, district, all)).sort();
    expect(await list(caller('CITY_ADMIN'))).toEqual(['b-1', 'c-1', 'city', 'huangpu', 'nanjing-east', 'xuhui']);
    expect(await list(caller('DISTRICT_ADMIN', { district: 'xuhui' }), 'xuhui')).toEqual(['xuhui']);
    expect(await list(caller('ORGANIZATION_ADMIN', { organizationId: 'nanjing-east' }))).toEqual([
      'b-1',
      'c-1',
      'nanjing-east',
    ]);
    // an organization admin asking for another district gets nothing of theirs
    expect(await list(caller('ORGANIZATION_ADMIN', { organizationId: 'nanjing-east' }), 'xuhui')).toEqual([]);
    expect(await list(caller('MEMBER', { organizationId: 'b-1' }))).toEqual(['b-1']);
  });

  it('keeps, of given organizations, those the caller may read', async () => {
    const { queries } = await listedTree();
    const ids = ['city', 'huangpu', 'xuhui', 'c-1', 'b-1'];
    expect(await queries.readableAmong(caller('CITY_ADMIN'), ids, null)).toEqual(ids);
    expect(await queries.readableAmong(caller('DISTRICT_ADMIN', { district: 'huangpu' }), ids, null)).toEqual([
      'huangpu',
      'c-1',
      'b-1',
    ]);
    expect(
      await queries.readableAmong(caller('DISTRICT_ADMIN', { district: 'huangpu' }), ids, ['JointBranch']),
    ).toEqual(['b-1']);
    expect(
      (await queries.readableAmong(caller('ORGANIZATION_ADMIN', { organizationId: 'c-1' }), ids, null)).sort(),
    ).toEqual(['b-1', 'c-1']);
    expect(await queries.readableAmong(caller('MEMBER', { organizationId: 'b-1' }), ids, null)).toEqual(['b-1']);
  });

  it("reads the unit registry by district: an organization admin in their organization's, a member not at all", async () => {
    const { queries } = await listedTree();
    const orgAdmin = caller('ORGANIZATION_ADMIN', { organizationId: 'c-1' });
    expect(await queries.registryDistrict(orgAdmin, null)).toBe('huangpu');
    expect(await refusal(queries.registryDistrict(orgAdmin, 'xuhui'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(queries.registryDistrict(caller('MEMBER', { organizationId: 'b-1' }), null))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await queries.registryDistrict(caller('CITY_ADMIN'), 'xuhui')).toBe('xuhui');
    await expect(queries.assertRegistryReadable(orgAdmin, 'huangpu')).resolves.toBeUndefined();
    expect(await refusal(queries.assertRegistryReadable(orgAdmin, 'xuhui'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusal(queries.assertRegistryReadable(caller('DISTRICT_ADMIN', { district: 'xuhui' }), 'huangpu')),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });

  it("shows what an organization refers to in the registry only by the registry's rule", async () => {
    const { queries } = await listedTree();
    const items = [
      { id: 'u-hp', region: { district: 'huangpu' } },
      { id: 'u-xh', region: { district: 'xuhui' } },
    ];
    const ids = async (who: Caller) => (await queries.registryVisible(who, items)).map((i) => i.id);
    expect(await ids(caller('CITY_ADMIN'))).toEqual(['u-hp', 'u-xh']);
    expect(await ids(caller('DISTRICT_ADMIN', { district: 'huangpu' }))).toEqual(['u-hp']);
    expect(await ids(caller('ORGANIZATION_ADMIN', { organizationId: 'c-1' }))).toEqual(['u-hp']);
    expect(await ids(caller('MEMBER', { organizationId: 'b-1', memberId: 'm-1' }))).toEqual([]);
  });

  it('counts only active organizations that cover a unit as covering it', async () => {
    const { queries, views, tree } = await listedTree();
    views.organizations.put({ ...tree.branch, coveredUnitIds: ['u-1'] });
    views.organizations.put({ ...tree.community, status: 'dissolved', coveredUnitIds: ['u-1'] });
    views.places.set('unit:u-1', { _id: 'unit:u-1', organizationIds: ['b-1', 'c-1'] });
    const covering = await queries.activeCovering(['u-1', 'u-2']);
    expect(covering.get('u-1')?.map((o) => o._id)).toEqual(['b-1']);
    expect(covering.get('u-2')).toEqual([]);
  });
});

describe('the tree as of a date, from the timeline, within the caller’s scope', () => {
  const state = (id: string, parentId: string | null, district: string | null, name = id): Organization =>
    ({
      id,
      parentId,
      name,
      status: 'active',
      region: { district, street: null, community: null },
    }) as Partial<Organization> as Organization;
  const entry = (
    id: string,
    validFrom: string,
    validTo: string | null,
    s: Organization,
    version = 1,
  ): TimelineEntry => ({
    _id: `${id}:${version}`,
    organizationId: id,
    version,
    eventType: 'OrganizationEstablished',
    effectiveOn: validFrom,
    recordedAt: new Date(0),
    actor: 'test',
    validFrom,
    validTo,
    state: s,
  });
  const views = new InMemoryReadModels();
  for (const e of [
    entry('city', '2020-01-01', null, state('city', null, null)),
    entry('huangpu', '2020-01-01', null, state('huangpu', 'city', 'huangpu')),
    entry('xuhui', '2020-01-01', null, state('xuhui', 'city', 'xuhui')),
    entry('b-1', '2021-03-01', '2024-05-01', state('b-1', 'huangpu', 'huangpu')),
    entry('b-1', '2024-05-01', null, state('b-1', 'xuhui', 'xuhui'), 2),
  ])
    views.timelineEntries.set(e._id, e);
  const history = new HistoryQueries(views.timeline, { today: () => '2026-11-22' });
  const nodes = async (who: ReturnType<typeof caller>, date: string, root: string | null = null) =>
    (await history.treeAsOf(who, date, root)).map((n) => `${n.depth}:${n.organization.id}@${n.version}`);

  it('answers each organization as it stood then, to those who may read it', async () => {
    expect(await nodes(caller('CITY_ADMIN'), '2021-01-01')).toEqual(['0:city@1', '1:huangpu@1', '1:xuhui@1']);
    expect(await nodes(caller('CITY_ADMIN'), '2022-01-01')).toEqual([
      '0:city@1',
      '1:huangpu@1',
      '2:b-1@1',
      '1:xuhui@1',
    ]);
    expect(await nodes(caller('DISTRICT_ADMIN', { district: 'huangpu' }), '2022-01-01')).toEqual([
      '1:huangpu@1',
      '2:b-1@1',
    ]);
    // after the move, the branch stands below xuhui: huangpu's admin no longer sees it
    expect(await nodes(caller('DISTRICT_ADMIN', { district: 'huangpu' }), '2025-01-01')).toEqual(['1:huangpu@1']);
    expect(await nodes(caller('ORGANIZATION_ADMIN', { organizationId: 'xuhui' }), '2025-01-01', 'xuhui')).toEqual([
      '0:xuhui@1',
      '1:b-1@2',
    ]);
  });

  it('refuses a future date and a root that was not active on the date', async () => {
    expect(await history.treeAsOf(caller('CITY_ADMIN'), '2026-11-23', null).catch((e: unknown) => e)).toMatchObject({
      code: 'DATE_IN_FUTURE',
      field: 'date',
    });
    expect(await history.treeAsOf(caller('CITY_ADMIN'), '2020-06-01', 'b-1').catch((e: unknown) => e)).toMatchObject({
      code: 'ORGANIZATION_NOT_FOUND',
      field: 'rootId',
    });
  });
});
