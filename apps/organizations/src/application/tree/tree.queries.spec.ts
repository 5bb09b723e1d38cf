import { testCaller as caller } from '@lianjian/testing';
import { establishedTree, inMemoryApplication } from '../../testing/in-memory-application';
import { TreeQueries } from './tree.queries';

const CITY = caller('CITY_ADMIN');
const XUHUI = caller('DISTRICT_ADMIN', { district: 'xuhui' });
const HUANGPU = caller('DISTRICT_ADMIN', { district: 'huangpu' });

describe('tree queries on in-memory ports', () => {
  it('reads an organization within the caller scope only', async () => {
    const app = inMemoryApplication();
    await establishedTree(app, CITY);
    const tree = new TreeQueries(app.queries);
    expect(await tree.organization(CITY, 'b-1')).toMatchObject({ _id: 'b-1', depth: 4 });
    expect(await tree.organization(HUANGPU, 'b-1')).toMatchObject({ _id: 'b-1' });
    await expect(tree.organization(XUHUI, 'b-1')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // in a batch, what the caller may not read (or what does not exist) comes back as null, in place
    expect((await tree.organizationsByIds(XUHUI, ['xuhui', 'b-1', 'nowhere'])).map((o) => o?._id ?? null)).toEqual([
      'xuhui',
      null,
      null,
    ]);
  });

  it('pages children by cursor and walks a subtree below its root', async () => {
    const app = inMemoryApplication();
    const { city, street } = await establishedTree(app, CITY);
    const tree = new TreeQueries(app.queries);
    const first = await tree.children(CITY, city, { first: 1, after: null });
    expect(first).toMatchObject({ totalCount: 2, hasNextPage: true });
    expect(first.items).toHaveLength(1);
    const second = await tree.children(CITY, city, { first: 1, after: first.endCursor });
    expect(second).toMatchObject({ totalCount: 2, hasNextPage: false });
    expect([...first.items, ...second.items].map((o) => o._id).sort()).toEqual(['huangpu', 'xuhui']);
    const subtree = await tree.subtree(CITY, street, null, { first: 10, after: null });
    expect(subtree.items.map((o) => o._id).sort()).toEqual(['b-1', 'c-1']); // below the root
  });
});
