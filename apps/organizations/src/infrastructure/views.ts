import { type Collection, type Db } from 'mongodb';
import { LEASE_READS } from '@lianjian/messaging';
import { type ListIndexDocument } from './list-index';
import { type MemberRosterDocument } from './rosters';
import {
  type BuildingView,
  type MeetingView,
  type OrganizationView,
  type PlaceIndexView,
  type ServicePointView,
  type TimelineEntry,
  type UnitView,
} from '../application/read-models';

/**
 * What the organizations service knows of a member, projected from the members service's events on Kafka (its
 * own copy: services share events, not databases). Counts, the ≥3 full members rule, the dissolve rule and the
 * 应建未建 ledger read it.
 */
export interface MemberFactView {
  readonly _id: string;
  readonly version: number;
  readonly organizationId: string;
  readonly unitId: string | null;
  readonly stage: string;
  readonly status: string;
  readonly probationCancelled: boolean;
  /** Whether the member counts where the relationship is, as the members service publishes it (`MemberCountChanged`). */
  readonly counted: boolean;
  /** The member's public key (MemberRegistered v2), to seal absence reasons to; null once erased or before v2. */
  readonly sealingKey: string | null;
  readonly updatedAt: Date;
}

export interface Views {
  readonly organizations: Collection<OrganizationView>;
  readonly units: Collection<UnitView>;
  readonly buildings: Collection<BuildingView>;
  readonly servicePoints: Collection<ServicePointView>;
  readonly timeline: Collection<TimelineEntry>;
  readonly meetings: Collection<MeetingView>;
  readonly memberFacts: Collection<MemberFactView>;
  /** Members of each organization and unit (rosters.ts). */
  readonly memberRosters: Collection<MemberRosterDocument>;
}

export function views(db: Db): Views {
  return {
    organizations: db.collection<OrganizationView>('organization_views'),
    units: db.collection<UnitView>('unit_views'),
    buildings: db.collection<BuildingView>('building_views'),
    servicePoints: db.collection<ServicePointView>('service_point_views'),
    timeline: db.collection<TimelineEntry>('organization_timeline'),
    meetings: db.collection<MeetingView>('meeting_views'),
    memberFacts: db.collection<MemberFactView>('member_facts'),
    memberRosters: db.collection<MemberRosterDocument>('member_rosters'),
  };
}

/**
 * The indexes of the views on MongoDB. Every read is by `_id` (the views, the lists of `organization_lists`, the
 * children and place documents; a timeline entry's `_id` is `<organizationId>:<version>`) except the tree as of a
 * date (`validFrom`).
 */
export async function createViewIndexes(v: Views): Promise<void> {
  await v.timeline.createIndex({ validFrom: 1 });
}

// ---- exact-key read models of the tree and the timeline (ADR 0015) ------------------------------------------

/**
 * The children of an organization, by the parent's id: written by the current-state projection, read by the
 * commands (active children before a type change, merge or dissolution), by the projection itself (the subtree
 * of a moved organization, walked level by level) and by queries (an organization's party groups). Exact keys.
 */
export interface OrganizationChildrenView {
  readonly _id: string;
  /** Every organization whose parent this is, whatever its status. */
  readonly childIds: readonly string[];
  readonly activeChildIds: readonly string[];
}

/** How far the timeline has applied an organization's stream: the version its last entry is at. */
export interface TimelineHead {
  readonly _id: string;
  readonly version: number;
}

export interface TreeViews {
  readonly children: Collection<OrganizationChildrenView>;
  readonly timelineHeads: Collection<TimelineHead>;
  readonly places: Collection<PlaceIndexView>;
  /** The lists by region, the city's organizations and each organization's meetings (list-index.ts). */
  readonly lists: Collection<ListIndexDocument>;
}

export function treeViews(db: Db): TreeViews {
  return {
    children: db.collection<OrganizationChildrenView>('organization_children'),
    timelineHeads: db.collection<TimelineHead>('organization_timeline_heads'),
    places: db.collection<PlaceIndexView>('organization_places'),
    lists: db.collection<ListIndexDocument>('organization_lists'),
  };
}

/**
 * Reads that no unique index serves as an exact key, allowed on purpose. Every list and report of the service is
 * read by key (the lists of `organization_lists`, the children, place and roster documents, then the views by
 * `_id`), except the tree as it stood on a date: a whole-city report, not paged, that needs every organization's
 * version valid on that date; the timeline's entries are keyed by organization and version, and finding the one
 * valid on a date by key would read every version of every organization anyway. The organizations suite checks
 * every filter the service sent against this list and the collections' unique indexes (ADR 0015). On MongoDB
 * `validFrom_1` serves it; on the embedded database it scans the timeline.
 */
export const LIST_READS: ReadonlyArray<{ collection: string; fields: readonly string[]; reason: string }> = [
  {
    collection: 'organization_timeline',
    fields: ['validFrom', '$or'],
    reason:
      'the tree as it stood on a date: every entry valid then, a whole-city report, not paged; MongoDB: validFrom_1',
  },
  ...LEASE_READS,
];
