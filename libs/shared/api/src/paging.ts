import { InputValidationError } from './errors';

/**
 * Cursor paging of every subgraph's lists (Relay connections): a list is in id order, a cursor is the base64url of
 * the last id a page held, and `first` is clamped to 1…MAX_PAGE. One home for the next services. Free of Nest, so
 * application code and its unit tests can use it (the GraphQL types and arguments are in connection.ts).
 */

/** The largest page a list returns; a larger `first` gets this many. */
export const MAX_PAGE = 200;
/** The page size when the client gives none. */
export const DEFAULT_PAGE = 50;

export interface Page<T> {
  readonly items: T[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

/** What the client asked for: a page size and the cursor of the page before (null: the first page). */
export interface PageRequest {
  readonly first: number;
  readonly after: string | null;
}

export const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');

const CURSOR = /^[A-Za-z0-9_-]+$/;

/**
 * The id a cursor stands for. A cursor this API did not issue (not base64url, or not the encoding of an id) is a
 * BAD_USER_INPUT on `after`, not a silently empty or wrong page.
 */
export function decodeCursor(cursor: string, field = 'after'): string {
  const id = CURSOR.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!id || encodeCursor(id) !== cursor) {
    throw InputValidationError.of(field, `${field} must be a cursor from pageInfo.endCursor or an edge`);
  }
  return id;
}

/** The page a request names: its size clamped to 1…MAX_PAGE, and the id it starts after. */
export function pageWindow(request: PageRequest): { readonly first: number; readonly afterId: string | null } {
  return {
    first: Math.min(Math.max(request.first, 1), MAX_PAGE),
    afterId: request.after ? decodeCursor(request.after) : null,
  };
}

/** Ids in the order MongoDB sorts them (binary; the ids are ASCII). */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface IdPage {
  readonly ids: string[];
  /** The last id of the page (not yet a cursor: `encodeCursor` makes one). */
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

/** One page of a list of ids, sorted and without repeats, after the id `after` (a cursor's id; null: from the start). */
export function pageOfIds(ids: readonly string[], first: number, after: string | null): IdPage {
  const sorted = [...new Set(ids)].sort(compareIds);
  const start = after === null ? 0 : sorted.findIndex((id) => id > after);
  const rest = start < 0 ? [] : sorted.slice(start);
  const page = rest.slice(0, first);
  return { ids: page, endCursor: page.at(-1) ?? null, hasNextPage: rest.length > first, totalCount: sorted.length };
}

/**
 * One page of a list of ids, reading only the page's documents (by key, in any order): the documents in id order,
 * the cursor of the last id, whether more follow, and how many the list holds.
 */
export async function pageOf<T extends { _id: string }>(
  ids: readonly string[],
  request: PageRequest,
  read: (pageIds: string[]) => Promise<T[]>,
): Promise<Page<T>> {
  const { first, afterId } = pageWindow(request);
  const page = pageOfIds(ids, first, afterId);
  const byId = new Map((await read(page.ids)).map((d) => [d._id, d]));
  const items = page.ids.map((id) => byId.get(id)).filter((d): d is T => d !== undefined);
  return {
    items,
    endCursor: page.endCursor ? encodeCursor(page.endCursor) : null,
    hasNextPage: page.hasNextPage,
    totalCount: page.totalCount,
  };
}
