import { type Commit, type EventStore, type RecordedEvent } from '@lianjian/event-store';
import { versionStep } from '@lianjian/messaging';
import { isMemberStream, memberIdFromStream, memberStreamId } from '@lianjian/members-contracts';
import { type MemberEvent, evolveMember } from '@lianjian/members-domain';
import { type MemberReadModel, type MemberStateWriter, type PersonalDataProtection } from '../ports';
import { type MemberView } from '../read-models';

/**
 * Current state of members from the service's own log: a batch of commits is folded in memory and saved at once
 * (each changed member with the document it replaces, so its roster entry moves with it). A member's document
 * accepts only the next contiguous version of its stream: an event already applied is skipped, and a gap (a document
 * behind the log) is repaired by folding the member's stream from the store. `PersonalDataErased` also destroys the
 * member's data key, so an erase interrupted between its append and the key's deletion completes here.
 *
 * The log, its checkpoint and the one-instance-at-a-time lease are the infrastructure's
 * (`infrastructure/member-state.projection.ts`); in unit tests, `testing/in-memory-ports.ts` runs this fold.
 */
export class MemberStateFold {
  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly members: Pick<MemberReadModel, 'byIds'> & MemberStateWriter,
    private readonly keys: Pick<PersonalDataProtection, 'destroy'>,
  ) {}

  async apply(commits: readonly Commit[]): Promise<void> {
    const events = commits.flatMap((c) => c.events).filter((e) => isMemberStream(e.streamId));
    // only streams that existed before this batch need their current document
    const firstInBatch = new Set(events.filter((e) => e.streamVersion === 1).map((e) => e.streamId));
    const needed = [
      ...new Set(events.filter((e) => !firstInBatch.has(e.streamId)).map((e) => memberIdFromStream(e.streamId))),
    ];
    const states = new Map<string, MemberView>();
    for (const doc of await this.members.byIds(needed)) states.set(doc._id, doc);
    const before = new Map(states);
    const changed = new Set<string>();
    const erased: string[] = [];
    for (const event of events) {
      const id = memberIdFromStream(event.streamId);
      const current = states.get(id) ?? null;
      const step = versionStep(current?.version ?? 0, event.streamVersion);
      if (step === 'seen') continue;
      const next = step === 'next' ? evolved(current, event) : await this.repair(id, event.streamVersion);
      if (!next) continue;
      states.set(id, next);
      changed.add(id);
      if (event.type === 'PersonalDataErased') erased.push(id);
    }
    if (changed.size)
      await this.members.save([...changed].map((id) => ({ before: before.get(id) ?? null, after: states.get(id)! })));
    for (const id of erased) await this.keys.destroy(id);
  }

  /** The document is behind its stream: fold the stream from the store up to the version at hand. */
  private async repair(id: string, upTo: number): Promise<MemberView | null> {
    let state: MemberView | null = null;
    for (const event of await this.store.readStream(memberStreamId(id), { maxCount: upTo }))
      state = evolved(state, event) ?? state;
    return state;
  }
}

function evolved(current: MemberView | null, event: RecordedEvent): MemberView | null {
  const next = evolveMember(current, event as unknown as MemberEvent);
  return next ? { ...next, _id: memberIdFromStream(event.streamId), version: event.streamVersion } : null;
}
