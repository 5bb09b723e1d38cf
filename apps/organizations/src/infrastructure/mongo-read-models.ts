import { findByKeys } from '@lianjian/event-store';
import { type Collection } from 'mongodb';
import { type ReadModels, type ViewsByKey } from '../application/common/read-models.port';
import { type OrganizationStateProjection } from './organization-state.projection';
import { fullMembersByUnit, organizationMemberCounts, rosterMembers } from './rosters';
import { type Views } from './views';

/** Views of one kind in their collection, by `_id` (exact keys, chunked). */
const byKey = <T extends { _id: string }>(collection: Collection<T>): ViewsByKey<T> => ({
  byId: async (id) => (await collection.findOne({ _id: id } as never)) as T | null,
  byIds: (ids) => findByKeys(collection, [...new Set(ids)]),
});

/** The read-model ports on MongoDB: the views' collections and the current-state projection's indexes. */
export function mongoReadModels(v: Views, projection: OrganizationStateProjection): ReadModels {
  return {
    freshness: {
      reachOwnWrites: () => projection.reachOwnWrites(),
      reach: (globalPosition) => projection.log.reach(globalPosition),
    },
    organizations: byKey(v.organizations),
    units: byKey(v.units),
    buildings: byKey(v.buildings),
    servicePoints: byKey(v.servicePoints),
    meetings: byKey(v.meetings),
    tree: {
      childrenOf: (id) => projection.childrenOf(id),
      descendantIdsOf: (id) => projection.descendantIdsOf(id),
      listEntries: (key) => projection.listEntries(key),
      listsEntries: (keys) => projection.listsEntries(keys),
      placesOf: (kind, ids) => projection.placesOf(kind, ids),
    },
    rosters: {
      members: (kind, ids) => rosterMembers(v.memberRosters, kind, ids),
      organizationCounts: (id) => organizationMemberCounts(v.memberRosters, id),
      fullMembersByUnit: (ids) => fullMembersByUnit(v.memberRosters, ids),
      sealingKeys: async (ids) =>
        new Map(
          (await findByKeys(v.memberFacts, [...new Set(ids)])).flatMap((f) =>
            f.sealingKey ? [[f._id, f.sealingKey] as const] : [],
          ),
        ),
      organizationsOf: async (ids) =>
        new Map((await findByKeys(v.memberFacts, [...new Set(ids)])).map((f) => [f._id, f.organizationId] as const)),
    },
    timeline: {
      byIds: (ids) => v.timeline.find({ _id: { $in: [...ids] } }).toArray(),
      validOn: (date) =>
        v.timeline.find({ validFrom: { $lte: date }, $or: [{ validTo: null }, { validTo: { $gt: date } }] }).toArray(),
    },
  };
}
