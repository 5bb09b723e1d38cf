import { CatchUpRunner } from '@lianjian/api';
import { type MongoEventStore, type RecordedEvent, isDuplicateKeyError } from '@lianjian/event-store';
import { categoryOf, idFromStream } from '@lianjian/organizations-contracts';
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
import { type OrganizationView, type Views } from './views';

const CHECKPOINT = 'current-state';

/**
 * Current state of organizations, units, buildings and service points, projected from the event store's global
 * order. Command handlers call `catchUp()` before they check tree rules and after they append, so the rules see
 * every committed change (read-your-writes) without waiting for Kafka. Position-guarded writes make a replay
 * by a second instance harmless.
 */
export class CurrentStateProjection {
  private readonly runner = new CatchUpRunner(() => this.pass());

  constructor(
    private readonly store: MongoEventStore,
    private readonly v: Views,
  ) {}

  /** Applies every commit after the checkpoint; see CatchUpRunner for how concurrent callers share passes. */
  catchUp(): Promise<void> {
    return this.runner.run();
  }

  private async pass(): Promise<void> {
    let position = (await this.v.checkpoints.findOne({ _id: CHECKPOINT }))?.position ?? 0;
    for (;;) {
      const commits = await this.store.readAllCommits(position, 500);
      if (commits.length === 0) return;
      for (const commit of commits) {
        for (const event of commit.events) await this.apply(event);
        position = commit.globalPosition;
      }
      await this.v.checkpoints.updateOne({ _id: CHECKPOINT }, { $max: { position } }, { upsert: true });
    }
  }

  private async apply(event: RecordedEvent): Promise<void> {
    const id = idFromStream(event.streamId);
    switch (categoryOf(event.streamId)) {
      case 'organization':
        return this.applyOrganization(id, event);
      case 'unit':
        return applyToView<NonNullable<UnitState>>(this.v.units, id, event, (s, e) => evolveUnit(s, e as unknown as UnitEvent));
      case 'building':
        return applyToView<NonNullable<BuildingState>>(this.v.buildings, id, event, (s, e) => evolveBuilding(s, e as unknown as BuildingEvent));
      case 'servicePoint':
        return applyToView<NonNullable<ServicePointState>>(this.v.servicePoints, id, event, (s, e) => evolveServicePoint(s, e as unknown as ServicePointEvent));
      case 'meeting':
        return applyToView<NonNullable<MeetingState>>(this.v.meetings, id, event, (s, e) => evolveMeeting(s, e as unknown as MeetingEvent));
      case null:
        return;
    }
  }

  private async applyOrganization(id: string, event: RecordedEvent): Promise<void> {
    const current = await this.v.organizations.findOne({ _id: id });
    if (current && current.version >= event.streamVersion) return;
    const domainEvent = event as unknown as OrganizationEvent;
    const next = evolveOrganization(current, domainEvent);
    if (!next) return;
    let ancestorIds = current?.ancestorIds ?? [];
    let region = next.region;
    const moved = domainEvent.type === 'OrganizationEstablished' || domainEvent.type === 'OrganizationReparented' || domainEvent.type === 'OrganizationTransferredToDistrict';
    if (moved) {
      const parent = next.parentId ? await this.v.organizations.findOne({ _id: next.parentId }) : null;
      ancestorIds = parent ? [...parent.ancestorIds, parent._id] : [];
    } else if (current) {
      region = current.region; // may differ from the stream's own after an ancestor's whole-organization transfer
    }
    const view: OrganizationView = { ...next, region, _id: id, version: event.streamVersion, ancestorIds, depth: ancestorIds.length };
    await guardedReplace(this.v.organizations, id, event.streamVersion, view);
    if (moved && current) await this.moveSubtree(view, domainEvent.type === 'OrganizationTransferredToDistrict');
  }

  /** Descendants follow their moved ancestor: new ancestor path, and on a district transfer the new district. */
  private async moveSubtree(root: OrganizationView, districtChanged: boolean): Promise<void> {
    const descendants = await this.v.organizations.find({ ancestorIds: root._id }).toArray();
    if (descendants.length === 0) return;
    await this.v.organizations.bulkWrite(
      descendants.map((d) => {
        const below = d.ancestorIds.slice(d.ancestorIds.indexOf(root._id) + 1);
        const ancestorIds = [...root.ancestorIds, root._id, ...below];
        const set: Partial<OrganizationView> = { ancestorIds, depth: ancestorIds.length };
        if (districtChanged) {
          (set as { region: OrganizationView['region'] }).region = { ...d.region, district: root.region.district, street: root.region.street ?? d.region.street };
        }
        return { updateOne: { filter: { _id: d._id }, update: { $set: set } } };
      }),
    );
  }
}

/** Evolves a one-stream view document with the stream's event. */
async function applyToView<State extends object>(
  collection: import('mongodb').Collection<State & { _id: string; version: number }>,
  id: string,
  event: RecordedEvent,
  evolve: (state: State | null, event: RecordedEvent) => State | null,
): Promise<void> {
  const current = (await collection.findOne({ _id: id } as import('mongodb').Filter<State & { _id: string; version: number }>)) as State | null;
  const next = evolve(current, event);
  if (next) await guardedReplace(collection, id, event.streamVersion, { ...next, _id: id, version: event.streamVersion });
}

async function guardedReplace<T extends { _id: string; version: number }>(
  collection: import('mongodb').Collection<T>,
  id: string,
  version: number,
  doc: T,
): Promise<void> {
  try {
    await collection.replaceOne({ _id: id, version: { $lt: version } } as import('mongodb').Filter<T>, doc, { upsert: true });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error; // already at this version or newer
  }
}
