import { InputValidationError } from './errors';
import { MAX_PAGE, decodeCursor, encodeCursor, pageOf, pageOfIds, pageWindow } from './paging';

describe('cursor paging', () => {
  it('pages a list of ids by cursor, sorted as MongoDB sorts _id, with the total', () => {
    const ids = ['c', 'a', 'e', 'b', 'd', 'a'];
    expect(pageOfIds(ids, 2, null)).toEqual({ ids: ['a', 'b'], endCursor: 'b', hasNextPage: true, totalCount: 5 });
    expect(pageOfIds(ids, 2, 'b')).toEqual({ ids: ['c', 'd'], endCursor: 'd', hasNextPage: true, totalCount: 5 });
    expect(pageOfIds(ids, 2, 'd')).toEqual({ ids: ['e'], endCursor: 'e', hasNextPage: false, totalCount: 5 });
    // a cursor whose id has left the list since: the page starts after where it would be
    expect(pageOfIds(['a', 'c', 'e'], 5, 'b').ids).toEqual(['c', 'e']);
    expect(pageOfIds(ids, 2, 'e')).toEqual({ ids: [], endCursor: null, hasNextPage: false, totalCount: 5 });
    expect(pageOfIds(['B', 'a', '_'], 3, null).ids).toEqual(['B', '_', 'a']);
  });

  it('encodes an id as base64url and decodes it back', () => {
    for (const id of ['huangpu', '1234567890123456', 'a_b-c', '党支部-1']) {
      expect(encodeCursor(id)).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(encodeCursor(id))).toBe(id);
    }
  });

  it.each(['not a cursor', 'aGVsbG8=', '!!', 'aGVsbG8x/'])('refuses the cursor %p as BAD_USER_INPUT on after', (c) => {
    expect(() => decodeCursor(c)).toThrow(InputValidationError);
    try {
      decodeCursor(c);
    } catch (e) {
      expect((e as InputValidationError).violations).toEqual([
        { field: 'after', constraints: ['after must be a cursor from pageInfo.endCursor or an edge'] },
      ]);
    }
  });

  it('clamps the page size to 1…MAX_PAGE and starts after the cursor', () => {
    expect(pageWindow({ first: 0, after: null })).toEqual({ first: 1, afterId: null });
    expect(pageWindow({ first: -5, after: '' })).toEqual({ first: 1, afterId: null });
    expect(pageWindow({ first: 1000, after: encodeCursor('b-1') })).toEqual({ first: MAX_PAGE, afterId: 'b-1' });
    expect(pageWindow({ first: 20, after: null }).first).toBe(20);
  });

  it('reads only the page’s documents and answers them in id order, with the next cursor', async () => {
    const read = jest.fn(async (ids: string[]) => [...ids].reverse().map((_id) => ({ _id, n: _id.length })));
    const first = await pageOf(['c', 'a', 'b'], { first: 2, after: null }, read);
    expect(read).toHaveBeenCalledWith(['a', 'b']);
    expect(first).toEqual({
      items: [
        { _id: 'a', n: 1 },
        { _id: 'b', n: 1 },
      ],
      endCursor: encodeCursor('b'),
      hasNextPage: true,
      totalCount: 3,
    });
    const second = await pageOf(['c', 'a', 'b'], { first: 2, after: first.endCursor }, read);
    expect(second.items.map((d) => d._id)).toEqual(['c']);
    expect(second.hasNextPage).toBe(false);
  });

  it('leaves out an id whose document is gone, without losing its place', async () => {
    const page = await pageOf(['a', 'b'], { first: 5, after: null }, async () => [{ _id: 'a' }]);
    expect(page.items).toEqual([{ _id: 'a' }]);
    expect(page.endCursor).toBe(encodeCursor('b'));
  });
});
