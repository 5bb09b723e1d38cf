import { type Db } from 'mongodb';
import { type Commit, type MongoEventStore, type RecordedEvent, findByKeys } from '@lianjian/event-store';
import { LogProjection, versionStep } from '@lianjian/messaging';
import { isMemberStream, memberIdFromStream, memberStreamId } from '@lianjian/members-contracts';
import { type MemberEvent, evolveMember } from '@lianjian/members-domain';
import { type PersonalDataVault } from './personal-data.vault';
import { rosterChanges } from './rosters';
import { type MemberView, type Views } from './views';

/**
 * Current state of members, projected from the service's own log by one instance at a time (LogProjection): a
 * batch of commits is folded in memory and written with one bulk write of replacements by `_id`, so a bulk
 * import's registrations project in seconds; the organizations' rosters (rosters.ts) follow in one more. Each member document accepts only the next contiguous version of
 * its stream; a gap (a document behind the log) is repaired by folding the member's stream from the store. A
 * `PersonalDataErased` event also destroys the member's data key here, so an erase interrupted between its append
 * and the key's deletion completes when the projection passes.
 */
export class MemberStateProjection {
  readonly log: LogProjection;

  constructor(
    private readonly store: MongoEventStore,
    private readonly v: Views,
    private readonly vault: PersonalDataVault,
    db: Db,
  ) {
    this.log = new LogProjection({
      name: 'member-state',
      store,
      db,
      batchSize: 2000,
      apply: (commits) => this.apply(commits),
    });
  }

  /** Waits until the read models hold every commit this process appended (read-your-writes for a query). */
  reachOwnWrites(): Promise<void> {
    return this.log.reachOwnWrites();
  }

  private async apply(commits: readonly Commit[]): Promise<void> {
    const events = commits.flatMap((c) => c.events).filter((e) => isMemberStream(e.streamId));
    // only streams that existed before this batch need their current document
    const firstInBatch = new Set(events.filter((e) => e.streamVersion === 1).map((e) => e.streamId));
    const needed = [
      ...new Set(events.filter((e) => !firstInBatch.has(e.streamId)).map((e) => memberIdFromStream(e.streamId))),
    ];
    const states = new Map<string, MemberView>();
    for (const doc of await findByKeys(this.v.members, needed)) states.set(doc._id, doc);
    const before = new Map(states);
    const changed = new Set<string>();
    const erased: string[] = [];
    for (const event of events) {
      const id = memberIdFromStream(event.streamId);
      const current = states.get(id) ?? null;
      const step = versionStep(current?.version ?? 0, event.streamVersion);
      if (step === 'seen') continue;
      const next = step === 'next' ? this.evolve(current, event) : await this.repair(id, event.streamVersion);
      if (!next) continue;
      states.set(id, next);
      changed.add(id);
      if (event.type === 'PersonalDataErased') erased.push(id);
    }
    if (changed.size) {
      // rosters first: a crash before the members are written repeats the batch, and the roster writes with it
      const rosters = rosterChanges(
        [...changed].map((id) => ({ id, before: before.get(id) ?? null, after: states.get(id)! })),
      );
      if (rosters.length) await this.v.rosters.bulkWrite(rosters, { ordered: false });
      await this.v.members.bulkWrite(
        [...changed].map((id) => ({ replaceOne: { filter: { _id: id }, replacement: states.get(id)!, upsert: true } })),
        { ordered: false },
      );
    }
    for (const id of erased) await this.vault.destroy(id);
  }

  private evolve(current: MemberView | null, event: RecordedEvent): MemberView | null {
    const next = evolveMember(current, event as unknown as MemberEvent);
    return next ? { ...next, _id: memberIdFromStream(event.streamId), version: event.streamVersion } : null;
  }

  /** The document is behind its stream: fold the stream from the store up to the version at hand. */
  private async repair(id: string, upTo: number): Promise<MemberView | null> {
    let state: MemberView | null = null;
    for (const event of await this.store.readStream(memberStreamId(id), { maxCount: upTo }))
      state = this.evolve(state, event) ?? state;
    return state;
  }
}
