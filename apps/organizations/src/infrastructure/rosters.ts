import { type AnyBulkWriteOperation, type Collection } from 'mongodb';
import { findByKeys } from '@lianjian/event-store';
import { type RosterMember } from '../application/read-models';
import { type MemberFactView } from './views';

/**
 * Members of each organization and of each unit, from the member facts: one document per organization
 * (`org:<id>`) and per unit (`unit:<id>`), holding `memberId → "stage|status|counted"`. Counts and breakdowns read
 * these by exact key instead of counting member facts; `$set` / `$unset` of one member's field is idempotent, so a
 * redelivered event writes the same thing again, and two consumers of different partitions never overwrite each
 * other's members.
 */
export interface MemberRosterDocument {
  readonly _id: string;
  readonly members: Readonly<Record<string, string>>;
}

type Placed = Pick<MemberFactView, 'organizationId' | 'unitId' | 'stage' | 'status' | 'counted'>;

const valueOf = (f: Placed): string => `${f.stage}|${f.status}|${f.counted ? 1 : 0}`;
const keysOf = (f: Placed): string[] => [`org:${f.organizationId}`, ...(f.unitId ? [`unit:${f.unitId}`] : [])];

/** The roster writes for one member whose facts changed from `before` (null: new) to `after`. */
export function memberRosterChanges(
  memberId: string,
  before: Placed | null,
  after: Placed,
): Array<AnyBulkWriteOperation<MemberRosterDocument>> {
  const field = `members.${memberId}`;
  const now = new Set(keysOf(after));
  const ops: Array<AnyBulkWriteOperation<MemberRosterDocument>> = [];
  for (const key of before ? keysOf(before) : []) {
    if (!now.has(key))
      ops.push({ updateOne: { filter: { _id: key }, update: { $unset: { [field]: '' } }, upsert: true } });
  }
  if (!before || valueOf(before) !== valueOf(after) || keysOf(before).join() !== keysOf(after).join()) {
    for (const key of now)
      ops.push({ updateOne: { filter: { _id: key }, update: { $set: { [field]: valueOf(after) } }, upsert: true } });
  }
  return ops;
}

/**
 * Roster writes of many members as one update per roster: the `$set` and `$unset` of each member's field, in
 * order (a member's changes never both set and unset the same roster's field, so nothing conflicts).
 */
export function mergeRosterChanges(
  ops: ReadonlyArray<AnyBulkWriteOperation<MemberRosterDocument>>,
): Array<AnyBulkWriteOperation<MemberRosterDocument>> {
  const byRoster = new Map<string, { $set: Record<string, string>; $unset: Record<string, ''> }>();
  for (const op of ops) {
    if (!('updateOne' in op)) throw new Error('a roster change is an updateOne');
    const id = (op.updateOne.filter as { _id: string })._id;
    const update = op.updateOne.update as { $set?: Record<string, string>; $unset?: Record<string, ''> };
    const merged = byRoster.get(id) ?? { $set: {}, $unset: {} };
    Object.assign(merged.$set, update.$set);
    Object.assign(merged.$unset, update.$unset);
    byRoster.set(id, merged);
  }
  return [...byRoster].map(([_id, { $set, $unset }]) => ({
    updateOne: {
      filter: { _id },
      update: { ...(Object.keys($set).length ? { $set } : {}), ...(Object.keys($unset).length ? { $unset } : {}) },
      upsert: true,
    },
  }));
}

/** The members of these organizations (`org`) or units (`unit`), read by exact keys. */
export async function rosterMembers(
  rosters: Collection<MemberRosterDocument>,
  kind: 'org' | 'unit',
  ids: readonly string[],
): Promise<Map<string, RosterMember[]>> {
  const result = new Map<string, RosterMember[]>();
  for (const roster of await findByKeys(
    rosters,
    ids.map((id) => `${kind}:${id}`),
  )) {
    const members = Object.entries(roster.members ?? {}).map(([memberId, value]) => {
      const [stage = '', status = '', counted = '0'] = value.split('|');
      return { memberId, stage, status, counted: counted === '1' };
    });
    result.set(roster._id.slice(kind.length + 1), members);
  }
  return result;
}

/** Counted members and counted full members of one organization. */
export async function organizationMemberCounts(
  rosters: Collection<MemberRosterDocument>,
  organizationId: string,
): Promise<{ members: number; fullMembers: number }> {
  const members = ((await rosterMembers(rosters, 'org', [organizationId])).get(organizationId) ?? []).filter(
    (m) => m.counted,
  );
  return { members: members.length, fullMembers: members.filter((m) => m.stage === 'FullMember').length };
}

/** Counted full members of each unit. */
export async function fullMembersByUnit(
  rosters: Collection<MemberRosterDocument>,
  unitIds: readonly string[],
): Promise<Map<string, number>> {
  const byUnit = new Map<string, number>();
  for (const [unitId, members] of await rosterMembers(rosters, 'unit', unitIds))
    byUnit.set(unitId, members.filter((m) => m.counted && m.stage === 'FullMember').length);
  return byUnit;
}
