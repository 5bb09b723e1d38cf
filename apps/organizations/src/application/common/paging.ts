import { type Page, type PageRequest, pageOf } from '@lianjian/api/paging';
import { type ViewsByKey } from './read-models.port';

/** One page of a list of ids, by `_id` cursor (in memory), and only the page's documents by key. */
export function pageOfViews<T extends { _id: string }>(
  target: ViewsByKey<T>,
  ids: readonly string[],
  request: PageRequest,
): Promise<Page<T>> {
  return pageOf(ids, request, (pageIds) => target.byIds(pageIds));
}
