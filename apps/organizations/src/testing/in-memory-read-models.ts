import { type ReadModels, type ViewsByKey } from '../application/common/read-models.port';
import { type RosterMember } from '../application/read-models';
import {
  type BuildingView,
  type MeetingView,
  type OrganizationView,
  type PlaceIndexView,
  type ServicePointView,
  type TimelineEntry,
  type UnitView,
} from '../application/read-models';

/** Views of one kind in a map, by `_id`. */
export class InMemoryViews<T extends { _id: string }> implements ViewsByKey<T> {
  readonly docs = new Map<string, T>();

  put(...views: T[]): void {
    for (const view of views) this.docs.set(view._id, view);
  }

  byId(id: string): Promise<T | null> {
    return Promise.resolve(this.docs.get(id) ?? null);
  }

  byIds(ids: readonly string[]): Promise<T[]> {
    return Promise.resolve([...new Set(ids)].flatMap((id) => (this.docs.has(id) ? [this.docs.get(id) as T] : [])));
  }
}

/**
 * The read-model ports in memory, for unit tests of the application layer: what a test puts is what the use cases
 * read (the current-state projection's part is played by the test: `placeOrganization` files a view under its
 * parent's children). Waiting for the views is free: they always hold what was put.
 */
export class InMemoryReadModels implements ReadModels {
  readonly organizations = new InMemoryViews<OrganizationView>();
  readonly units = new InMemoryViews<UnitView>();
  readonly buildings = new InMemoryViews<BuildingView>();
  readonly servicePoints = new InMemoryViews<ServicePointView>();
  readonly meetings = new InMemoryViews<MeetingView>();
  readonly children = new Map<string, { childIds: string[]; activeChildIds: string[] }>();
  readonly lists = new Map<string, string[]>();
  readonly places = new Map<string, PlaceIndexView>();
  readonly rosters_ = new Map<string, RosterMember[]>();
  /** Members' public keys, as the member facts hold them from MemberRegistered. */
  readonly sealingKeys_ = new Map<string, string>();
  readonly timelineEntries = new Map<string, TimelineEntry>();
  /** How often a use case waited for its own writes, and which global positions it waited for. */
  readonly waits = { ownWrites: 0, positions: [] as number[] };

  readonly freshness = {
    reachOwnWrites: (): Promise<void> => {
      this.waits.ownWrites += 1;
      return Promise.resolve();
    },
    reach: (globalPosition: number): Promise<void> => {
      this.waits.positions.push(globalPosition);
      return Promise.resolve();
    },
  };

  readonly tree = {
    childrenOf: (id: string) => Promise.resolve(this.children.get(id) ?? { childIds: [], activeChildIds: [] }),
    descendantIdsOf: (rootId: string): Promise<string[]> => {
      const found: string[] = [];
      for (let level = [rootId]; level.length > 0;) {
        const next = level.flatMap((id) => this.children.get(id)?.childIds ?? []);
        found.push(...next);
        level = next;
      }
      return Promise.resolve(found);
    },
    listEntries: (key: string): Promise<readonly string[]> => Promise.resolve(this.lists.get(key) ?? []),
    listsEntries: (keys: readonly string[]) =>
      Promise.resolve(
        new Map<string, readonly string[]>(keys.flatMap((k) => (this.lists.has(k) ? [[k, this.lists.get(k)!]] : []))),
      ),
    placesOf: (kind: 'building' | 'unit', ids: readonly string[]) =>
      Promise.resolve(
        new Map(
          ids.flatMap((id) => {
            const place = this.places.get(`${kind}:${id}`);
            return place ? [[id, place] as const] : [];
          }),
        ),
      ),
  };

  readonly rosters = {
    members: (kind: 'org' | 'unit', ids: readonly string[]) =>
      Promise.resolve(
        new Map(
          ids.flatMap((id) => {
            const members = this.rosters_.get(`${kind}:${id}`);
            return members ? [[id, members] as const] : [];
          }),
        ),
      ),
    organizationCounts: (organizationId: string) => {
      const counted = (this.rosters_.get(`org:${organizationId}`) ?? []).filter((m) => m.counted);
      return Promise.resolve({
        members: counted.length,
        fullMembers: counted.filter((m) => m.stage === 'FullMember').length,
      });
    },
    fullMembersByUnit: (unitIds: readonly string[]) =>
      Promise.resolve(
        new Map(
          unitIds.flatMap((id) => {
            const members = this.rosters_.get(`unit:${id}`);
            return members ? [[id, members.filter((m) => m.counted && m.stage === 'FullMember').length] as const] : [];
          }),
        ),
      ),
    sealingKeys: (memberIds: readonly string[]) =>
      Promise.resolve(
        new Map(
          memberIds.flatMap((id) => (this.sealingKeys_.has(id) ? [[id, this.sealingKeys_.get(id)!] as const] : [])),
        ),
      ),
    organizationsOf: (memberIds: readonly string[]) => {
      const wanted = new Set(memberIds);
      const found = new Map<string, string>();
      for (const [key, members] of this.rosters_) {
        if (!key.startsWith('org:')) continue;
        for (const m of members) if (wanted.has(m.memberId)) found.set(m.memberId, key.slice('org:'.length));
      }
      return Promise.resolve(found);
    },
  };

  readonly timeline = {
    byIds: (ids: readonly string[]) =>
      Promise.resolve(ids.flatMap((id) => (this.timelineEntries.has(id) ? [this.timelineEntries.get(id)!] : []))),
    validOn: (date: string) =>
      Promise.resolve(
        [...this.timelineEntries.values()].filter(
          (e) => e.validFrom <= date && (e.validTo === null || e.validTo > date),
        ),
      ),
  };

  /**
   * What the current-state projection does with an organization's view, in short: keeps it, and files it under its
   * parent's children (active or not).
   */
  placeOrganization(view: OrganizationView): void {
    const previous = this.organizations.docs.get(view._id);
    if (previous?.parentId) this.unfile(previous.parentId, view._id);
    this.organizations.put(view);
    if (!view.parentId) return;
    const children = this.children.get(view.parentId) ?? { childIds: [], activeChildIds: [] };
    children.childIds.push(view._id);
    if (view.status === 'active') children.activeChildIds.push(view._id);
    this.children.set(view.parentId, children);
  }

  /** A unit's or an organization's roster: the members the members service's events put there. */
  roster(kind: 'org' | 'unit', id: string, members: RosterMember[]): void {
    this.rosters_.set(`${kind}:${id}`, members);
  }

  private unfile(parentId: string, id: string): void {
    const children = this.children.get(parentId);
    if (!children) return;
    this.children.set(parentId, {
      childIds: children.childIds.filter((c) => c !== id),
      activeChildIds: children.activeChildIds.filter((c) => c !== id),
    });
  }
}
