import { type Commit, ExpectedVersion } from '@lianjian/event-store';
import { memberStreamId } from '@lianjian/members-contracts';
import { testCaller } from '@lianjian/testing';
import { loadMemberRules } from '../../settings';
import { InMemoryMembers, membersTestWorld, registerFullMember } from '../../testing/in-memory-ports';
import { type MemberStateChange } from '../ports';
import { MemberStateFold } from './member-state.fold';

// The member state fold on in-memory ports: what the projection writes for each batch of the log.
const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });
const rules = loadMemberRules(null);

/** A members read model of its own that records each save, kept by a fold of its own from the world's log. */
function freshProjection(world: ReturnType<typeof membersTestWorld>) {
  const members = new InMemoryMembers();
  const saves: MemberStateChange[][] = [];
  const writer = {
    byIds: (ids: readonly string[]) => members.byIds(ids),
    save: async (changes: readonly MemberStateChange[]) => {
      saves.push(structuredClone([...changes]));
      await members.save(changes);
    },
  };
  return { members, saves, fold: new MemberStateFold(world.store, writer, world.vault) };
}

const allCommits = (world: ReturnType<typeof membersTestWorld>): Promise<Commit[]> =>
  world.store.readAllCommits(0, Number.MAX_SAFE_INTEGER);

describe('MemberStateFold', () => {
  it('folds each member stream into its view at the stream version, saving each changed member with the document it replaces', async () => {
    const w = membersTestWorld(rules);
    const full = await registerFullMember(w, 41);
    const applicant = await registerFullMember(w, 43, {
      appliedOn: '2024-03-01',
      joinedOn: null,
      fullMembershipOn: null,
    });
    const p = freshProjection(w);

    await p.fold.apply(await allCommits(w));
    expect(p.members.byId.get(full._id)).toEqual(full);
    expect(p.members.byId.get(applicant._id)).toEqual(applicant);
    expect(p.saves).toHaveLength(1);
    expect(p.saves[0]!.map((c) => [c.before, c.after._id])).toEqual([
      [null, full._id],
      [null, applicant._id],
    ]);

    const checkpoint = (await allCommits(w)).at(-1)!.globalPosition;
    const activist = await w.pipeline.designateActivist(HUANGPU, { memberId: applicant._id, on: '2024-06-01' });
    await p.fold.apply(await w.store.readAllCommits(checkpoint, 100));
    expect(p.members.byId.get(applicant._id)).toMatchObject({ stage: 'Activist', version: activist.version });
    // only the member that changed, with the document it replaces (the roster entry moves from it)
    expect(p.saves[1]).toEqual([{ before: applicant, after: p.members.byId.get(applicant._id) }]);
  });

  it('skips events a document already holds, and writes the same documents when a batch from a stream start comes again', async () => {
    const w = membersTestWorld(rules);
    const applicant = await registerFullMember(w, 43, {
      appliedOn: '2024-03-01',
      joinedOn: null,
      fullMembershipOn: null,
    });
    await w.pipeline.designateActivist(HUANGPU, { memberId: applicant._id, on: '2024-06-01' });
    const p = freshProjection(w);
    const commits = await allCommits(w);
    await p.fold.apply(commits);
    const projected = p.members.byId.get(applicant._id);
    expect(p.saves).toHaveLength(1);

    // the designation again: the document is at its version already
    await p.fold.apply(commits.filter((c) => c.fromVersion > 1));
    expect(p.saves).toHaveLength(1);
    // the whole log again (a batch redelivered after a crash before its checkpoint): the same document
    await p.fold.apply(commits);
    expect(p.members.byId.get(applicant._id)).toEqual(projected);
  });

  it('repairs a member whose document is behind its stream by folding the stream from the store', async () => {
    const w = membersTestWorld(rules);
    const applicant = await registerFullMember(w, 43, {
      appliedOn: '2024-03-01',
      joinedOn: null,
      fullMembershipOn: null,
    });
    const activist = await w.pipeline.designateActivist(HUANGPU, { memberId: applicant._id, on: '2024-06-01' });
    const p = freshProjection(w);

    // the batch holds version 2 only: version 1 was never applied here
    const laterOnly = (await allCommits(w)).filter((c) => c.fromVersion > 1);
    expect(laterOnly.map((c) => c.streamId)).toEqual([memberStreamId(applicant._id)]);
    await p.fold.apply(laterOnly);
    expect(p.members.byId.get(applicant._id)).toEqual(activist);
  });

  it("destroys an erased member's data key, completing an erase that stopped between its append and the key's deletion", async () => {
    const w = membersTestWorld(rules);
    const member = await registerFullMember(w, 41);
    const other = await registerFullMember(w, 43);
    expect(await w.keys.get(member._id)).not.toBeNull();
    // the erase's event is in the log, but the process died before it deleted the key
    await w.store.append(
      memberStreamId(member._id),
      ExpectedVersion.exact(member.version),
      [
        {
          type: 'PersonalDataErased',
          data: { memberId: member._id, organizationId: 'b-1', erasedOn: '2026-06-15', reason: '本人申请' },
        },
      ],
      { commitId: 'erase-1', actor: 'city_admin-1' },
    );
    const p = freshProjection(w);
    await p.fold.apply(await allCommits(w));
    expect(await w.keys.get(member._id)).toBeNull();
    expect(await w.keys.get(other._id)).not.toBeNull();
    expect(p.members.byId.get(member._id)).toMatchObject({ version: member.version + 1 });
  });
});
