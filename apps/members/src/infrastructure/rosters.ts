import { type AnyBulkWriteOperation, type Collection } from 'mongodb';
import { findByKeys } from '@lianjian/event-store';
import { type MemberView } from './views';

/**
 * Each organization's roster: one document per organization, keyed by its id, holding `memberId → "stage|status"`.
 * A list (members of a branch or subtree, by stage or status) reads the rosters of its organizations by exact key,
 * filters and pages their entries in memory, and fetches only the page's members by `_id`: no scan of the members
 * on any database. A roster changes by `$set` / `$unset` of one member's field, which is idempotent: a replayed
 * batch writes the same fields again.
 */
export interface RosterDocument {
  readonly _id: string;
  readonly members: Readonly<Record<string, string>>;
}

export interface RosterEntry {
  readonly memberId: string;
  readonly organizationId: string;
  readonly stage: string;
  readonly status: string;
}

type Placed = Pick<MemberView, 'organizationId' | 'stage' | 'status'>;

const entryOf = (m: Placed): string => `${m.stage}|${m.status}`;

/** The roster writes for members whose state changed from `before` to `after` (null: not there). */
export function rosterChanges(
  changes: ReadonlyArray<{ id: string; before: Placed | null; after: Placed }>,
): Array<AnyBulkWriteOperation<RosterDocument>> {
  const byOrganization = new Map<string, { set: Record<string, string>; unset: Record<string, ''> }>();
  const of = (organizationId: string) => {
    let ops = byOrganization.get(organizationId);
    if (!ops) byOrganization.set(organizationId, (ops = { set: {}, unset: {} }));
    return ops;
  };
  for (const { id, before, after } of changes) {
    if (before && before.organizationId !== after.organizationId) of(before.organizationId).unset[`members.${id}`] = '';
    if (!before || before.organizationId !== after.organizationId || entryOf(before) !== entryOf(after))
      of(after.organizationId).set[`members.${id}`] = entryOf(after);
  }
  return [...byOrganization].map(([organizationId, { set, unset }]) => ({
    updateOne: {
      filter: { _id: organizationId },
      update: {
        ...(Object.keys(set).length ? { $set: set } : {}),
        ...(Object.keys(unset).length ? { $unset: unset } : {}),
      },
      upsert: true,
    },
  }));
}

/** The entries of these organizations' rosters (exact keys). */
export async function rosterEntries(
  rosters: Collection<RosterDocument>,
  organizationIds: readonly string[],
): Promise<RosterEntry[]> {
  const entries: RosterEntry[] = [];
  for (const roster of await findByKeys(rosters, organizationIds)) {
    for (const [memberId, value] of Object.entries(roster.members ?? {})) {
      const [stage = '', status = ''] = value.split('|');
      entries.push({ memberId, organizationId: roster._id, stage, status });
    }
  }
  return entries;
}

/** Members by id (exact keys), in the order asked. */
export async function membersByIds(members: Collection<MemberView>, ids: readonly string[]): Promise<MemberView[]> {
  const found = new Map((await findByKeys(members, ids)).map((m) => [m._id, m]));
  return ids.flatMap((id) => found.get(id) ?? []);
}
