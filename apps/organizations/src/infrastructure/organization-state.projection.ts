import { type AnyBulkWriteOperation, type Collection, type Db } from 'mongodb';
import { type Commit, type MongoEventStore, type RecordedEvent, findByKeys } from '@lianjian/event-store';
import { LogProjection, versionStep } from '@lianjian/messaging';
import { categoryOf, idFromStream, streamId } from '@lianjian/organizations-contracts';
import {
  type BuildingEvent,
  type MeetingEvent,
  type MeetingState,
  type BuildingState,
  type OrganizationEvent,
  type ServicePointEvent,
  type ServicePointState,
  type UnitEvent,
  type UnitState,
  evolveBuilding,
  evolveMeeting,
  evolveOrganization,
  evolveServicePoint,
  evolveUnit,
} from '@lianjian/organizations-domain';
import { MOVES, organizationView, placeAfter } from '../application/common/placement';
import { type ListIndexDocument, type Listing, listChanges, regionKeysOf } from './list-index';
import { meetingEntry, meetingsKey, organizationEntry } from '../application/list-keys';
import { type OrganizationChildrenView, type Views, treeViews } from './views';
import { type OrganizationView, type PlaceIndexView } from '../application/read-models';

/**
 * Current state of organizations, units, buildings, service points and meetings, with the indexes that let them
 * be read by key (the children of each organization, what is in each building, who covers each unit), projected
 * from the service's own log by one instance at a time (LogProjection). Commands decide on
 * their aggregate's own stream; they read these views for facts about other organizations (a parent, a target,
 * children), after waiting until the views hold this process's own appends (`reachOwnWrites`). Each view accepts
 * only the next contiguous version of its stream; an organization's view behind its stream is rebuilt from the
 * stream.
 */
export class OrganizationStateProjection {
  readonly log: LogProjection;
  private readonly children: Collection<OrganizationChildrenView>;
  private readonly places: Collection<PlaceIndexView>;
  private readonly lists: Collection<ListIndexDocument>;

  constructor(
    private readonly store: MongoEventStore,
    private readonly v: Views,
    db: Db,
  ) {
    this.log = new LogProjection({
      name: 'organization-state',
      store,
      db,
      batchSize: 500,
      apply: (commits) => this.applyAll(commits),
    });
    ({ children: this.children, places: this.places, lists: this.lists } = treeViews(db));
  }

  /** Waits until the views hold every commit this process appended (free when they already do). */
  reachOwnWrites(): Promise<void> {
    return this.log.reachOwnWrites();
  }

  /** What is in these buildings, or which organizations cover these units, whatever their status (exact keys). */
  async placesOf(kind: 'building' | 'unit', ids: readonly string[]): Promise<Map<string, PlaceIndexView>> {
    const found = new Map<string, PlaceIndexView>();
    for (const place of await findByKeys(
      this.places,
      ids.map((id) => `${kind}:${id}`),
    ))
      found.set(place._id.slice(kind.length + 1), place);
    return found;
  }

  /** The entries of one list (`list-index.ts`), by its key: empty when nothing was ever listed there. */
  async listEntries(key: string): Promise<readonly string[]> {
    return (await this.lists.findOne({ _id: key }))?.entries ?? [];
  }

  /** The entries of several lists, by key (exact keys, chunked). */
  async listsEntries(keys: readonly string[]): Promise<Map<string, readonly string[]>> {
    return new Map((await findByKeys(this.lists, [...new Set(keys)])).map((d) => [d._id, d.entries ?? []]));
  }

  /** The children of an organization (one key). */
  async childrenOf(
    organizationId: string,
  ): Promise<{ childIds: readonly string[]; activeChildIds: readonly string[] }> {
    return (await this.children.findOne({ _id: organizationId })) ?? { childIds: [], activeChildIds: [] };
  }

  private async applyAll(commits: readonly Commit[]): Promise<void> {
    for (const commit of commits) for (const event of commit.events) await this.apply(event);
  }

  private async apply(event: RecordedEvent): Promise<void> {
    const id = idFromStream(event.streamId);
    switch (categoryOf(event.streamId)) {
      case 'organization':
        return this.applyOrganization(id, event);
      case 'unit':
        return applyToView<NonNullable<UnitState>>(
          this.v.units,
          id,
          event,
          (s, e) => evolveUnit(s, e as unknown as UnitEvent),
          async (before, after) => {
            await this.placeIn('unitIds', id, before?.buildingId ?? null, after.buildingId);
            await this.relist(before && regionListing('unit', id, before), regionListing('unit', id, after));
          },
        );
      case 'building':
        return applyToView<NonNullable<BuildingState>>(
          this.v.buildings,
          id,
          event,
          (s, e) => evolveBuilding(s, e as unknown as BuildingEvent),
          (before, after) =>
            this.relist(before && regionListing('building', id, before), regionListing('building', id, after)),
        );
      case 'servicePoint':
        return applyToView<NonNullable<ServicePointState>>(
          this.v.servicePoints,
          id,
          event,
          (s, e) => evolveServicePoint(s, e as unknown as ServicePointEvent),
          async (before, after) => {
            await this.placeIn('servicePointIds', id, before?.buildingId ?? null, after.buildingId);
            await this.relist(
              before && regionListing('servicePoint', id, before),
              regionListing('servicePoint', id, after),
            );
          },
        );
      case 'meeting':
        return applyToView<NonNullable<MeetingState>>(
          this.v.meetings,
          id,
          event,
          (s, e) => evolveMeeting(s, e as unknown as MeetingEvent),
          (before, after) => this.relist(before && meetingListing(id, before), meetingListing(id, after)),
        );
      case null:
        return;
    }
  }

  /** Keeps the building index: `id` moved from building `before` to building `after` (either may be null). */
  private async placeIn(
    field: 'organizationIds' | 'unitIds' | 'servicePointIds',
    id: string,
    before: string | null,
    after: string | null,
  ): Promise<void> {
    if (before === after) return;
    if (before) await this.places.updateOne({ _id: `building:${before}` }, { $pull: { [field]: id } });
    if (after)
      await this.places.updateOne({ _id: `building:${after}` }, { $addToSet: { [field]: id } }, { upsert: true });
  }

  /** Keeps the lists (`organization_lists`): one document's entry moves from the lists it was in to those it is in. */
  private async relist(before: Listing | null, after: Listing | null): Promise<void> {
    const ops = listChanges(before, after);
    if (ops.length) await this.lists.bulkWrite(ops, { ordered: true });
  }

  /** Keeps the unit index: the units the organization started or stopped covering. */
  private async coverIn(id: string, before: readonly string[], after: readonly string[]): Promise<void> {
    const ops: Array<AnyBulkWriteOperation<PlaceIndexView>> = [
      ...before
        .filter((u) => !after.includes(u))
        .map((u) => ({ updateOne: { filter: { _id: `unit:${u}` }, update: { $pull: { organizationIds: id } } } })),
      ...after
        .filter((u) => !before.includes(u))
        .map((u) => ({
          updateOne: { filter: { _id: `unit:${u}` }, update: { $addToSet: { organizationIds: id } }, upsert: true },
        })),
    ];
    if (ops.length) await this.places.bulkWrite(ops, { ordered: true });
  }

  private async applyOrganization(id: string, event: RecordedEvent): Promise<void> {
    const current = await this.v.organizations.findOne({ _id: id });
    const step = versionStep(current?.version ?? 0, event.streamVersion);
    if (step === 'seen') return;
    if (step === 'gap') return this.rebuildOrganization(id, event.streamVersion);
    const domainEvent = event as unknown as OrganizationEvent;
    const next = evolveOrganization(current, domainEvent);
    if (!next) return;
    const moved = MOVES.has(domainEvent.type);
    const parent = moved && next.parentId ? await this.v.organizations.findOne({ _id: next.parentId }) : null;
    const view = organizationView(id, next, event.streamVersion, placeAfter(domainEvent.type, next, current, parent));
    // what follows from the event first, the view last: a pass that stops in between applies the event again (the
    // view is still behind), and every write here gives the same result when repeated
    await this.updateChildren(id, current, view);
    await this.placeIn('organizationIds', id, current?.buildingId ?? null, view.buildingId);
    await this.coverIn(id, current?.coveredUnitIds ?? [], view.coveredUnitIds);
    await this.relist(current && organizationListing(current), organizationListing(view));
    if (moved && current) await this.moveSubtree(view, domainEvent.type === 'OrganizationTransferredToDistrict');
    await this.v.organizations.replaceOne({ _id: id }, view, { upsert: true });
  }

  /** The parents' lists of children follow an establishment, a move, a merger or a dissolution. */
  private async updateChildren(id: string, before: OrganizationView | null, after: OrganizationView): Promise<void> {
    const isActive = after.status === 'active';
    if (before && before.parentId === after.parentId && (before.status === 'active') === isActive) return;
    const without = (ids: readonly string[]) => ids.filter((x) => x !== id);
    if (before?.parentId && before.parentId !== after.parentId) {
      await this.editChildren(before.parentId, (c) => ({
        childIds: without(c.childIds),
        activeChildIds: without(c.activeChildIds),
      }));
    }
    if (after.parentId) {
      await this.editChildren(after.parentId, (c) => ({
        childIds: [...without(c.childIds), id],
        activeChildIds: isActive ? [...without(c.activeChildIds), id] : without(c.activeChildIds),
      }));
    }
  }

  private async editChildren(
    parentId: string,
    edit: (c: Omit<OrganizationChildrenView, '_id'>) => Omit<OrganizationChildrenView, '_id'>,
  ): Promise<void> {
    const current = await this.childrenOf(parentId);
    await this.children.replaceOne({ _id: parentId }, edit(current), { upsert: true });
  }

  /** The view is behind its stream: apply the missing events from the stream, in order. */
  private async rebuildOrganization(id: string, upTo: number): Promise<void> {
    const current = await this.v.organizations.findOne({ _id: id });
    const missing = await this.store.readStream(organizationStream(id), {
      fromVersion: (current?.version ?? 0) + 1,
      maxCount: upTo - (current?.version ?? 0),
    });
    for (const event of missing) await this.applyOrganization(id, event);
  }

  /** The ids of every organization below one, whatever its status: the lists of children, level by level (exact keys). */
  async descendantIdsOf(rootId: string): Promise<string[]> {
    const found: string[] = [];
    for (let level = [rootId]; level.length > 0;) {
      const next: string[] = [];
      for (const list of await findByKeys(this.children, level)) next.push(...list.childIds);
      found.push(...next);
      level = next;
    }
    return found;
  }

  /** Descendants follow their moved ancestor: new ancestor path, and on a district transfer the new district. */
  private async moveSubtree(root: OrganizationView, districtChanged: boolean): Promise<void> {
    const ids = await this.descendantIdsOf(root._id);
    const descendants = await findByKeys(this.v.organizations, ids);
    if (descendants.length === 0) return;
    const moved = descendants.map((d) => {
      const below = d.ancestorIds.slice(d.ancestorIds.indexOf(root._id) + 1);
      const ancestorIds = [...root.ancestorIds, root._id, ...below];
      const region = districtChanged
        ? { ...d.region, district: root.region.district, street: root.region.street ?? d.region.street }
        : d.region;
      return {
        before: d,
        set: {
          ancestorIds,
          depth: ancestorIds.length,
          ...(districtChanged ? { region } : {}),
        } satisfies Partial<OrganizationView>,
        region,
      };
    });
    // the district lists first, the views last (a repeated pass computes the same moves)
    const listOps = moved.flatMap((m) =>
      listChanges(organizationListing(m.before), organizationListing({ ...m.before, region: m.region })),
    );
    if (listOps.length) await this.lists.bulkWrite(listOps, { ordered: true });
    await this.v.organizations.bulkWrite(
      moved.map((m) => ({ updateOne: { filter: { _id: m.before._id }, update: { $set: m.set } } })),
    );
  }
}

const organizationStream = (organizationId: string): string => streamId('organization', organizationId);

/** An organization's entry in its district's list and the city's (`list-index.ts`). */
const organizationListing = (o: Pick<OrganizationView, '_id' | 'type' | 'status' | 'region'>): Listing => ({
  keys: regionKeysOf('organization', o.region),
  entry: organizationEntry(o),
});
const regionListing = (
  kind: 'unit' | 'building' | 'servicePoint',
  id: string,
  state: { region: OrganizationView['region'] },
): Listing => ({ keys: regionKeysOf(kind, state.region), entry: id });
const meetingListing = (id: string, m: NonNullable<MeetingState>): Listing => ({
  keys: [meetingsKey(m.organizationId)],
  entry: meetingEntry({ id, heldOn: m.heldOn }),
});

/**
 * Evolves a one-stream view document with the stream's next event; `onChange` keeps what follows from the change
 * (an index), before the document is written, so a repeated pass repeats it. One writer (the projection's lease),
 * so the document is read and replaced by `_id`. A view behind its stream cannot happen while the projection
 * follows the log in order; should it (a view restored from an old backup), the projection stops with an error
 * rather than skip the missing events.
 */
async function applyToView<State extends object>(
  collection: import('mongodb').Collection<State & { _id: string; version: number }>,
  id: string,
  event: RecordedEvent,
  evolve: (state: State | null, event: RecordedEvent) => State | null,
  onChange?: (before: State | null, after: State) => Promise<void>,
): Promise<void> {
  type Doc = State & { _id: string; version: number };
  const current = (await collection.findOne({ _id: id } as import('mongodb').Filter<Doc>)) as Doc | null;
  const step = versionStep(current?.version ?? 0, event.streamVersion);
  if (step === 'seen') return;
  if (step === 'gap')
    throw new Error(
      `${event.streamId}: the view is at v${current?.version ?? 0}, the log at v${event.streamVersion}; rebuild the projection`,
    );
  const next = evolve(current, event);
  if (!next) return;
  await onChange?.(current, next);
  await collection.replaceOne(
    { _id: id } as import('mongodb').Filter<Doc>,
    { ...next, _id: id, version: event.streamVersion },
    { upsert: true },
  );
}
