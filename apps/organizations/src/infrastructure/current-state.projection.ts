import { type Db } from 'mongodb';
import { type Commit, type MongoEventStore, type RecordedEvent } from '@lianjian/event-store';
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
import { type OrganizationView, type Views } from './views';

/**
 * Current state of organizations, units, buildings and service points, projected from the service's own log by
 * one instance at a time (LogProjection). Command handlers wait for it to reach the store's head before they check
 * tree rules (`reachHead`), so the rules see every committed change without waiting for Kafka. Each view accepts
 * only the next contiguous version of its stream; a view behind its stream is rebuilt from the stream.
 */
export class CurrentStateProjection {
  readonly log: LogProjection;

  constructor(
    private readonly store: MongoEventStore,
    private readonly v: Views,
    db: Db,
  ) {
    this.log = new LogProjection({ name: 'organization-state', store, db, batchSize: 500, apply: (commits) => this.applyAll(commits) });
  }

  /** Runs a pass if this instance holds the projection (the background timer). */
  catchUp(): Promise<void> {
    return this.log.catchUp();
  }

  /** Waits until the views hold every commit appended so far, whichever instance projects them. */
  reachHead(): Promise<void> {
    return this.log.reach();
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
    const step = versionStep(current?.version ?? 0, event.streamVersion);
    if (step === 'seen') return;
    if (step === 'gap') return this.rebuildOrganization(id, event.streamVersion);
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
    await this.v.organizations.replaceOne({ _id: id }, view, { upsert: true });
    if (moved && current) await this.moveSubtree(view, domainEvent.type === 'OrganizationTransferredToDistrict');
  }

  /** The view is behind its stream: apply the missing events from the stream, in order. */
  private async rebuildOrganization(id: string, upTo: number): Promise<void> {
    const current = await this.v.organizations.findOne({ _id: id });
    const missing = await this.store.readStream(organizationStream(id), { fromVersion: (current?.version ?? 0) + 1, maxCount: upTo - (current?.version ?? 0) });
    for (const event of missing) await this.applyOrganization(id, event);
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

const organizationStream = (organizationId: string): string => streamId('organization', organizationId);

/**
 * Evolves a one-stream view document with the stream's next event. One writer (the projection's lease), so the
 * document is read and replaced by `_id`. A view behind its stream cannot happen while the projection follows the
 * log in order; should it (a view restored from an old backup), the projection stops with an error rather than
 * skip the missing events.
 */
async function applyToView<State extends object>(
  collection: import('mongodb').Collection<State & { _id: string; version: number }>,
  id: string,
  event: RecordedEvent,
  evolve: (state: State | null, event: RecordedEvent) => State | null,
): Promise<void> {
  type Doc = State & { _id: string; version: number };
  const current = (await collection.findOne({ _id: id } as import('mongodb').Filter<Doc>)) as Doc | null;
  const step = versionStep(current?.version ?? 0, event.streamVersion);
  if (step === 'seen') return;
  if (step === 'gap') throw new Error(`${event.streamId}: the view is at v${current?.version ?? 0}, the log at v${event.streamVersion}; rebuild the projection`);
  const next = evolve(current, event);
  if (next) await collection.replaceOne({ _id: id } as import('mongodb').Filter<Doc>, { ...next, _id: id, version: event.streamVersion }, { upsert: true });
}
