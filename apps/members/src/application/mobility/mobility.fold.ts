import { type Commit, type EventStore, type RecordedEvent } from '@lianjian/event-store';
import { versionStep } from '@lianjian/messaging';
import {
  communityRegistrationStreamId,
  isCommunityRegistrationStream,
  isMobilityStream,
  memberIdFromMobilityStream,
  mobilityStreamId,
  registrationOfStream,
} from '@lianjian/members-contracts';
import {
  type CommunityRegistrationEvent,
  type MobilityEvent,
  evolveCommunityRegistration,
  evolveMobility,
} from '@lianjian/members-domain';
import {
  type CommunityRegistrationView,
  type MobilityListChange,
  type MobilityListKind,
  type MobilityView,
  type MobilityWriter,
} from './mobility.ports';

type Entry = { readonly kind: MobilityListKind; readonly key: string; readonly id: string; readonly value: string };

/** The list entries a member's mobility stands in: their open flow-out at their branch, their open flow-in at its host. */
export function mobilityEntries(view: MobilityView | null): Entry[] {
  if (!view) return [];
  const entries: Entry[] = [];
  if (view.flowOut)
    entries.push({
      kind: 'flowing-out',
      key: view.flowOut.organizationId,
      id: view._id,
      value: `${view.flowOut.from}|${view.flowOut.lastContactOn}`,
    });
  if (view.flowIn)
    entries.push({ kind: 'flowing-in', key: view.flowIn.hostOrganizationId, id: view._id, value: view.flowIn.from });
  return entries;
}

/** The list entries a registration stands in: the member's list always; the branch's and community's while active. */
export function registrationEntries(view: CommunityRegistrationView | null): Entry[] {
  if (!view) return [];
  const entries: Entry[] = [{ kind: 'member', key: view.memberId, id: view._id, value: view.status }];
  if (view.status === 'Registered')
    entries.push(
      { kind: 'registered', key: view.organizationId, id: view._id, value: view.registeredOn },
      { kind: 'community', key: view.communityId, id: view._id, value: view.registeredOn },
    );
  return entries;
}

/** The list writes that move a document's entries from `before` to `after`. */
export function listChanges(before: readonly Entry[], after: readonly Entry[]): MobilityListChange[] {
  const at = (e: Entry) => `${e.kind}\u0000${e.key}\u0000${e.id}`;
  const next = new Map(after.map((e) => [at(e), e]));
  const previous = new Map(before.map((e) => [at(e), e]));
  const changes: MobilityListChange[] = [];
  for (const [place, e] of previous) if (!next.has(place)) changes.push({ ...e, value: null });
  for (const [place, e] of next) if (previous.get(place)?.value !== e.value) changes.push(e);
  return changes;
}

/**
 * Mobility and community registrations from the service's own log, in the member state projection's batches (one
 * checkpoint, one lease: `MemberStateProjection`). A document accepts only the next contiguous version of its stream
 * (an event already applied is skipped, a gap is repaired by folding the stream from the store), and the lists move
 * with it: written before the documents, so a batch applied again after a crash in between writes the same.
 */
export class MobilityFold {
  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly views: MobilityWriter,
  ) {}

  async apply(commits: readonly Commit[]): Promise<void> {
    const events = commits.flatMap((c) => c.events);
    const mobility = events.filter((e) => isMobilityStream(e.streamId));
    const registrations = events.filter((e) => isCommunityRegistrationStream(e.streamId));
    if (!mobility.length && !registrations.length) return;

    const mobilities = await this.fold(
      mobility,
      (streamId) => memberIdFromMobilityStream(streamId),
      (ids) => this.views.mobilities(ids),
      (state, event) => {
        const next = evolveMobility(state, event as unknown as MobilityEvent);
        return next && { ...next, _id: memberIdFromMobilityStream(event.streamId), version: event.streamVersion };
      },
      (id) => mobilityStreamId(id),
    );
    const folded = await this.fold(
      registrations,
      (streamId) => registrationOfStream(streamId).id,
      (ids) => this.views.registrations(ids),
      (state, event) => {
        const next = evolveCommunityRegistration(state, event as unknown as CommunityRegistrationEvent);
        return next && { ...next, _id: registrationOfStream(event.streamId).id, version: event.streamVersion };
      },
      (id) => {
        const dash = id.indexOf('-');
        return communityRegistrationStreamId(id.slice(0, dash), id.slice(dash + 1));
      },
    );
    const lists = [
      ...mobilities.map(({ before, after }) => listChanges(mobilityEntries(before), mobilityEntries(after))),
      ...folded.map(({ before, after }) => listChanges(registrationEntries(before), registrationEntries(after))),
    ].flat();
    await this.views.save({
      lists,
      mobilities: mobilities.map((c) => c.after),
      registrations: folded.map((c) => c.after),
    });
  }

  /** Folds a batch's events into their documents: each changed document with the one it replaces. */
  private async fold<V extends { _id: string; version: number }>(
    events: readonly RecordedEvent[],
    idOf: (streamId: string) => string,
    load: (ids: string[]) => Promise<V[]>,
    evolve: (state: V | null, event: RecordedEvent) => V | null,
    streamOf: (id: string) => string,
  ): Promise<Array<{ before: V | null; after: V }>> {
    if (!events.length) return [];
    const firstInBatch = new Set(events.filter((e) => e.streamVersion === 1).map((e) => e.streamId));
    const needed = [...new Set(events.filter((e) => !firstInBatch.has(e.streamId)).map((e) => idOf(e.streamId)))];
    const states = new Map<string, V>();
    for (const doc of await load(needed)) states.set(doc._id, doc);
    const before = new Map(states);
    const changed = new Set<string>();
    for (const event of events) {
      const id = idOf(event.streamId);
      const current = states.get(id) ?? null;
      const step = versionStep(current?.version ?? 0, event.streamVersion);
      if (step === 'seen') continue;
      let next: V | null = null;
      if (step === 'next') next = evolve(current, event);
      else
        for (const e of await this.store.readStream(streamOf(id), { maxCount: event.streamVersion }))
          next = evolve(next, e) ?? next;
      if (!next) continue;
      states.set(id, next);
      changed.add(id);
    }
    return [...changed].map((id) => ({ before: before.get(id) ?? null, after: states.get(id)! }));
  }
}
