import { type IsoDate } from '@lianjian/calendar';
import { type NeedCategory } from './model';
import { type NeedStatus } from './need';
import { resourceAvailableOn } from './resource';

/** Where a need or a resource is, below the place string: its street and community when known (all optional). */
export interface MatchRegion {
  readonly street?: string | null;
  readonly community?: string | null;
}

/**
 * A need as matching reads it: the domain's `Need` state fits, and so does a read-model row with these fields. Only
 * Open needs are matched; `region` is optional (where the read model knows it, from the place or the submitter).
 */
export interface MatchableNeed {
  readonly needId: string;
  readonly councilId: string;
  readonly category: NeedCategory;
  readonly status: NeedStatus;
  readonly place: string | null;
  readonly region?: MatchRegion | null;
}

/**
 * A resource as matching reads it: the domain's `Resource` state fits, and so does a read-model row with these fields;
 * `region` is optional (e.g. the offering unit's street and community).
 */
export interface MatchableResource {
  readonly resourceId: string;
  readonly councilId: string;
  readonly categories: readonly NeedCategory[];
  readonly place: string | null;
  readonly region?: MatchRegion | null;
  readonly availableFrom: IsoDate;
  readonly availableUntil: IsoDate | null;
  readonly withdrawnOn: IsoDate | null;
  readonly remaining: number;
}

/** How near a resource is to a need: the same place, the same community, the same street, or no nearer. */
export type Nearness = 'SamePlace' | 'SameCommunity' | 'SameStreet' | 'Elsewhere';
const NEARNESS_ORDER: readonly Nearness[] = ['SamePlace', 'SameCommunity', 'SameStreet', 'Elsewhere'];

export interface ResourceMatch {
  readonly resourceId: string;
  readonly nearness: Nearness;
  readonly remaining: number;
}

export interface NeedMatch {
  readonly needId: string;
  /** The resources that could serve the need, best first (possibly none). */
  readonly resources: readonly ResourceMatch[];
}

const same = (a: string | null | undefined, b: string | null | undefined): boolean => {
  const x = a?.trim();
  return !!x && x === b?.trim();
};

function nearness(need: MatchableNeed, resource: MatchableResource): Nearness {
  if (same(need.place, resource.place)) return 'SamePlace';
  if (same(need.region?.community, resource.region?.community)) return 'SameCommunity';
  if (same(need.region?.street, resource.region?.street)) return 'SameStreet';
  return 'Elsewhere';
}

/**
 * The council's matching of its lists: for each open need (in the order given), the resources that could serve it —
 * of the same council, serving the need's category, available today (from ≤ today ≤ until, or no until; not
 * withdrawn; some left) — ranked by nearness (same place, then same community, then same street), then by the larger
 * quantity remaining, then by resource id.
 */
export function matchNeedsToResources(
  needs: readonly MatchableNeed[],
  resources: readonly MatchableResource[],
  today: IsoDate,
): NeedMatch[] {
  const available = resources.filter((r) => resourceAvailableOn(r, today));
  return needs
    .filter((n) => n.status === 'Open')
    .map((need) => ({
      needId: need.needId,
      resources: available
        .filter((r) => r.councilId === need.councilId && r.categories.includes(need.category))
        .map((r) => ({ resourceId: r.resourceId, nearness: nearness(need, r), remaining: r.remaining }))
        .sort(
          (a, b) =>
            NEARNESS_ORDER.indexOf(a.nearness) - NEARNESS_ORDER.indexOf(b.nearness) ||
            b.remaining - a.remaining ||
            (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0),
        ),
    }));
}
