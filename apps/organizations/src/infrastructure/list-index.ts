import { type AnyBulkWriteOperation } from 'mongodb';
import { type Region } from '@lianjian/organizations-domain';
import { type RegionKind, regionKey } from '../application/list-keys';

/**
 * The lists of the organizations service, as documents read by exact key (`organization_lists`, ADR 0015): each
 * document holds the entries of one list, kept by the current-state projection with `$addToSet` / `$pull` of one
 * entry (idempotent, so a repeated pass writes the same thing again).
 *
 * - `organization:[d,null,null]` → `<id>|<type>|<status>` of every organization of district d, whatever its status
 *   (`organization:[null,null,null]`: the whole city); the type and status let a list filter without the views.
 * - `unit:[d,s,c]`, `building:[d,s,c]` → ids, for every combination of the levels of the region (null: any), so a
 *   report on a district, a street or a community (with or without the levels above) reads one key.
 * - `servicePoint:[d,null,null]` → ids, by district and city-wide.
 * - `meetings:<organizationId>` → `<heldOn>|<meetingId>`: sorted, they are the meetings in date order.
 */
export interface ListIndexDocument {
  readonly _id: string;
  readonly entries: readonly string[];
}

/** Units and buildings are listed by every level; organizations and service points by district. */
const BY_EVERY_LEVEL: ReadonlySet<RegionKind> = new Set(['unit', 'building']);

/** Every list a document of that region belongs to: each combination of its levels that it has (the others any). */
export function regionKeysOf(kind: RegionKind, region: Region): string[] {
  const levels = BY_EVERY_LEVEL.has(kind)
    ? ([region.district, region.street, region.community] as const)
    : ([region.district, null, null] as const);
  const keys: string[] = [];
  for (let mask = 0; mask < 8; mask++) {
    const chosen = levels.map((level, i) => ((mask >> i) & 1 ? level : null));
    // a combination that names a level the region does not have is not one of its lists
    if (levels.some((level, i) => (mask >> i) & 1 && !level)) continue;
    const key = regionKey(kind, { district: chosen[0], street: chosen[1], community: chosen[2] });
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** Where one document is listed: its entry in each of its lists. */
export interface Listing {
  readonly keys: readonly string[];
  readonly entry: string;
}

/** The writes that move one document's entry from the lists of `before` (null: none) to those of `after`. */
export function listChanges(
  before: Listing | null,
  after: Listing | null,
): Array<AnyBulkWriteOperation<ListIndexDocument>> {
  const pulls: Array<AnyBulkWriteOperation<ListIndexDocument>> = [];
  const adds: Array<AnyBulkWriteOperation<ListIndexDocument>> = [];
  for (const key of before?.keys ?? []) {
    if (after && after.entry === before?.entry && after.keys.includes(key)) continue;
    pulls.push({ updateOne: { filter: { _id: key }, update: { $pull: { entries: before?.entry } } } });
  }
  for (const key of after?.keys ?? []) {
    if (before && before.entry === after?.entry && before.keys.includes(key)) continue;
    adds.push({ updateOne: { filter: { _id: key }, update: { $addToSet: { entries: after?.entry } }, upsert: true } });
  }
  // pulls first: an entry that changed in a list it stays in is taken out, then put back as it is now
  return [...pulls, ...adds];
}
