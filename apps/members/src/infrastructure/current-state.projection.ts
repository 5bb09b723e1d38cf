import { CatchUpRunner } from '@lianjian/api';
import { type AnyBulkWriteOperation, MongoBulkWriteError } from 'mongodb';
import { type MongoEventStore } from '@lianjian/event-store';
import { isMemberStream, memberIdFromStream } from '@lianjian/members-contracts';
import { type MemberEvent, evolveMember } from '@lianjian/members-domain';
import { type PersonalDataVault } from './personal-data-vault';
import { type MemberView, type Views } from './views';

const CHECKPOINT = 'current-state';
const BATCH = 2000;

/**
 * Current state of members, projected from the event store's global order in batches: a batch of commits is
 * folded in memory and written with one bulk write, so a bulk import's 100,000 registrations project in
 * seconds. Commands call `catchUp()` before checking rules and after appending (read-your-writes). Writes are
 * guarded by stream version, so a replay by a second instance changes nothing. A `PersonalDataErased` event
 * also destroys the member's data key here, so an erase interrupted between its append and the key's deletion
 * completes when the projection passes.
 */
export class MemberStateProjection {
  private readonly runner = new CatchUpRunner(() => this.pass());

  constructor(
    private readonly store: MongoEventStore,
    private readonly v: Views,
    private readonly vault: PersonalDataVault,
  ) {}

  /** Applies every commit after the checkpoint; see CatchUpRunner for how concurrent callers share passes. */
  catchUp(): Promise<void> {
    return this.runner.run();
  }

  private async pass(): Promise<void> {
    let position = (await this.v.checkpoints.findOne({ _id: CHECKPOINT }))?.position ?? 0;
    for (;;) {
      const commits = await this.store.readAllCommits(position, BATCH);
      if (commits.length === 0) return;
      const events = commits.flatMap((c) => c.events).filter((e) => isMemberStream(e.streamId));
      // only streams that existed before this batch need their current document
      const needed = [...new Set(events.filter((e) => e.streamVersion > 1 && !events.some((f) => f.streamId === e.streamId && f.streamVersion === 1)).map((e) => memberIdFromStream(e.streamId)))];
      const states = new Map<string, MemberView>();
      const existing = new Set<string>();
      for (const doc of await Promise.all(needed.map((id) => this.v.members.findOne({ _id: id })))) {
        if (doc) {
          states.set(doc._id, doc);
          existing.add(doc._id);
        }
      }
      const changed = new Set<string>();
      const erased: string[] = [];
      for (const event of events) {
        const id = memberIdFromStream(event.streamId);
        const current = states.get(id) ?? null;
        if (current && current.version >= event.streamVersion) continue;
        const next = evolveMember(current, event as unknown as MemberEvent);
        if (!next) continue;
        states.set(id, { ...next, _id: id, version: event.streamVersion });
        changed.add(id);
        if (event.type === 'PersonalDataErased') erased.push(id);
      }
      await this.write([...changed].map((id) => states.get(id)!), existing);
      for (const id of erased) await this.vault.destroy(id);
      position = commits[commits.length - 1]!.globalPosition;
      await this.v.checkpoints.updateOne({ _id: CHECKPOINT }, { $max: { position } }, { upsert: true });
    }
  }

  /**
   * New members are inserted (a bulk import's registrations: no lookup per document); members that existed are
   * replaced only if the stored version is older, so an instance that fell behind never overwrites a newer state.
   */
  private async write(docs: MemberView[], existing: ReadonlySet<string>): Promise<void> {
    const fresh = docs.filter((d) => !existing.has(d._id));
    const replaced = docs.filter((d) => existing.has(d._id));
    if (fresh.length) {
      try {
        await this.v.members.insertMany(fresh, { ordered: false });
      } catch (error) {
        // inserted meanwhile by another instance: fall back to the version-guarded replace for those
        const writeErrors = error instanceof MongoBulkWriteError ? [error.writeErrors].flat() : null;
        if (!writeErrors || writeErrors.some((e) => e.code !== 11000)) throw error;
        replaced.push(...writeErrors.map((e) => fresh[e.index]!));
      }
    }
    if (replaced.length === 0) return;
    const operations: Array<AnyBulkWriteOperation<MemberView>> = replaced.map((doc) => ({
      replaceOne: { filter: { _id: doc._id, version: { $lt: doc.version } }, replacement: doc, upsert: true },
    }));
    try {
      await this.v.members.bulkWrite(operations, { ordered: false });
    } catch (error) {
      // a duplicate key means the document is already at this version or newer (another instance got there)
      const writeErrors = error instanceof MongoBulkWriteError ? [error.writeErrors].flat() : null;
      if (!writeErrors || writeErrors.some((e) => e.code !== 11000)) throw error;
    }
  }
}
