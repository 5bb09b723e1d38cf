import { type RosterMember } from '../read-models';
import {
  type BuildingView,
  type MeetingView,
  type OrganizationView,
  type PlaceIndexView,
  type ServicePointView,
  type TimelineEntry,
  type UnitView,
} from '../read-models';

/**
 * The read models as the application layer sees them: small ports, each read by exact keys. The MongoDB adapter is
 * `infrastructure/mongo-read-models.ts`; `testing/in-memory-read-models.ts` keeps them in maps for unit tests.
 */

/** Views of one kind, by `_id`. */
export interface ViewsByKey<T extends { _id: string }> {
  byId(id: string): Promise<T | null>;
  /** The views of these ids that exist, each once, in no particular order. */
  byIds(ids: readonly string[]): Promise<T[]>;
}

/** How current the current-state views are: they may lag the event store, never this process's own appends once waited for. */
export interface ViewFreshness {
  /** Waits until the views hold every commit this process appended (free when they already do). */
  reachOwnWrites(): Promise<void>;
  /** Waits until the views hold the commit at this global position (one appended by another instance). */
  reach(globalPosition: number): Promise<void>;
}

/** The indexes the current-state projection keeps by key: children, lists (`list-index.ts`) and places. */
export interface TreeIndex {
  /** The children of an organization, and those of them active. */
  childrenOf(organizationId: string): Promise<{ childIds: readonly string[]; activeChildIds: readonly string[] }>;
  /** Every organization below one, whatever its status. */
  descendantIdsOf(rootId: string): Promise<string[]>;
  /** The entries of one list; empty when nothing was ever listed there. */
  listEntries(key: string): Promise<readonly string[]>;
  /** The entries of several lists, by key (a list never written is left out). */
  listsEntries(keys: readonly string[]): Promise<Map<string, readonly string[]>>;
  /** What is in these buildings, or which organizations cover these units, whatever their status. */
  placesOf(kind: 'building' | 'unit', ids: readonly string[]): Promise<Map<string, PlaceIndexView>>;
}

/** Members by organization and by unit, from the members service's events. */
export interface MemberRosters {
  /** The members of these organizations (`org`) or units (`unit`). */
  members(kind: 'org' | 'unit', ids: readonly string[]): Promise<Map<string, RosterMember[]>>;
  /** Counted members and counted full members of one organization. */
  organizationCounts(organizationId: string): Promise<{ members: number; fullMembers: number }>;
  /** Counted full members of each unit (a unit no member names is left out). */
  fullMembersByUnit(unitIds: readonly string[]): Promise<Map<string, number>>;
  /**
   * The public keys the members service published for these members (`MemberRegistered`), to seal what this
   * service records about them; a member not known yet, registered before v2 or erased is left out.
   */
  sealingKeys(memberIds: readonly string[]): Promise<Map<string, string>>;
  /** The organization each of these members belongs to, as the member facts hold it (one not known yet is left out). */
  organizationsOf(memberIds: readonly string[]): Promise<Map<string, string>>;
}

/** The timeline: every version of each organization with its validity (it follows Kafka, so it may lag). */
export interface TimelineReads {
  /** Entries by id (`timelineEntryId`), those that exist. */
  byIds(ids: readonly string[]): Promise<TimelineEntry[]>;
  /** Every organization's version valid on a date. */
  validOn(date: string): Promise<TimelineEntry[]>;
}

/** Every read model of the service; a use case takes the few it needs (`Pick<ReadModels, …>`). */
export interface ReadModels {
  readonly freshness: ViewFreshness;
  readonly organizations: ViewsByKey<OrganizationView>;
  readonly units: ViewsByKey<UnitView>;
  readonly buildings: ViewsByKey<BuildingView>;
  readonly servicePoints: ViewsByKey<ServicePointView>;
  readonly meetings: ViewsByKey<MeetingView>;
  readonly tree: TreeIndex;
  readonly rosters: MemberRosters;
  readonly timeline: TimelineReads;
}
