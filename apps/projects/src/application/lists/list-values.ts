import { type IsoDate } from '@lianjian/calendar';
import {
  type Need,
  type NeedCategory,
  type NeedKind,
  type NeedStatus,
  type Resource,
  type ResourceKind,
} from '@lianjian/projects-domain';

/*
 * The sort values of the needs and resources lists (`needs-of-council`, `resources-of-council`): a list entry holds
 * what its filters read, so a filtered page reads only the list document and the page's views.
 */

/** `status|submittedOn|needKind|category`. */
export const needListValue = (n: Need): string => [n.status, n.submittedOn, n.needKind, n.category].join('|');

export interface NeedListValue {
  readonly status: NeedStatus;
  readonly submittedOn: IsoDate;
  readonly needKind: NeedKind;
  readonly category: NeedCategory;
}

export function parseNeedListValue(value: string): NeedListValue {
  const [status, submittedOn, needKind, category] = value.split('|');
  return {
    status: status as NeedStatus,
    submittedOn: submittedOn as IsoDate,
    needKind: needKind as NeedKind,
    category: category as NeedCategory,
  };
}

export interface NeedFilter {
  readonly status?: NeedStatus | null;
  readonly needKind?: NeedKind | null;
  readonly category?: NeedCategory | null;
}

export const needMatches = (v: NeedListValue, f: NeedFilter): boolean =>
  (!f.status || v.status === f.status) &&
  (!f.needKind || v.needKind === f.needKind) &&
  (!f.category || v.category === f.category);

/** Where a resource stands in its list: some left to commit, none left, or withdrawn. */
export type ResourceListStatus = 'Available' | 'Exhausted' | 'Withdrawn';

const resourceStatus = (r: Resource): ResourceListStatus =>
  r.withdrawnOn !== null ? 'Withdrawn' : r.remaining > 0 ? 'Available' : 'Exhausted';

/** `status|offeredOn|resourceKind|category,category…|availableFrom|availableUntil` (an empty until: open-ended). */
export const resourceListValue = (r: Resource): string =>
  [
    resourceStatus(r),
    r.offeredOn,
    r.resourceKind,
    r.categories.join(','),
    r.availableFrom,
    r.availableUntil ?? '',
  ].join('|');

export interface ResourceListValue {
  readonly status: ResourceListStatus;
  readonly offeredOn: IsoDate;
  readonly resourceKind: ResourceKind;
  readonly categories: readonly NeedCategory[];
  readonly availableFrom: IsoDate;
  readonly availableUntil: IsoDate | null;
}

export function parseResourceListValue(value: string): ResourceListValue {
  const [status, offeredOn, resourceKind, categories, availableFrom, availableUntil] = value.split('|');
  return {
    status: status as ResourceListStatus,
    offeredOn: offeredOn as IsoDate,
    resourceKind: resourceKind as ResourceKind,
    categories: (categories ? categories.split(',') : []) as NeedCategory[],
    availableFrom: availableFrom as IsoDate,
    availableUntil: availableUntil ? availableUntil : null,
  };
}

export interface ResourceFilter {
  readonly resourceKind?: ResourceKind | null;
  readonly category?: NeedCategory | null;
  /** Only what can still be committed that day: not withdrawn, some left, within its availability. */
  readonly availableOn?: IsoDate | null;
}

export const resourceMatches = (v: ResourceListValue, f: ResourceFilter): boolean =>
  (!f.resourceKind || v.resourceKind === f.resourceKind) &&
  (!f.category || v.categories.includes(f.category)) &&
  (!f.availableOn ||
    (v.status === 'Available' &&
      v.availableFrom <= f.availableOn &&
      (v.availableUntil === null || f.availableOn <= v.availableUntil)));
