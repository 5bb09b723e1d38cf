import { type Commit, type RecordedEvent } from '@lianjian/event-store';
import { type ListChange, type ProjectsStateWriter } from '../ports';
import { type SatisfactionDocument, type SatisfactionRankingDocument, type StreamView } from '../read-models';
import { type FoldedCategory } from './folded-streams';
import { ProjectsStateFold } from './projects-state.fold';

/** The writer in memory, applying saves as the Mongo writer does (views replaced, entries set and unset by id). */
class MemoryWriter implements ProjectsStateWriter {
  readonly stored = new Map<string, StreamView<unknown>>();
  readonly lists = new Map<string, Map<string, string>>();
  readonly counts = new Map<string, SatisfactionDocument>();
  readonly ranking = new Map<string, SatisfactionRankingDocument>();

  views(category: FoldedCategory, ids: readonly string[]) {
    return Promise.resolve(ids.flatMap((id) => this.stored.get(`${category}:${id}`) ?? []));
  }
  satisfaction(ids: readonly string[]) {
    return Promise.resolve(ids.flatMap((id) => this.counts.get(id) ?? []));
  }
  rankings(ids: readonly string[]) {
    return Promise.resolve(ids.flatMap((id) => this.ranking.get(id) ?? []));
  }
  save(batch: Parameters<ProjectsStateWriter['save']>[0]) {
    for (const { category, view } of batch.views) this.stored.set(`${category}:${view._id}`, view);
    for (const l of batch.lists) this.setEntry(l);
    for (const d of batch.satisfaction) this.counts.set(d._id, d);
    for (const d of batch.rankings) {
      const held = this.ranking.get(d._id);
      this.ranking.set(d._id, { ...d, projects: { ...held?.projects, ...d.projects } });
    }
    return Promise.resolve();
  }
  entries(kind: string, key: string): Record<string, string> {
    return Object.fromEntries(this.lists.get(`${kind}:${key}`) ?? []);
  }
  private setEntry(l: ListChange): void {
    const list = this.lists.get(`${l.kind}:${l.key}`) ?? new Map<string, string>();
    if (l.value === null) list.delete(l.id);
    else list.set(l.id, l.value);
    this.lists.set(`${l.kind}:${l.key}`, list);
  }
}

let position = 0;
function commit(streamId: string, fromVersion: number, ...events: Array<{ type: string; data: object }>): Commit {
  position += 1;
  const recorded = events.map(
    (e, i) =>
      ({
        ...e,
        eventId: `${streamId}-${fromVersion + i}`,
        schemaVersion: 1,
        streamId,
        streamVersion: fromVersion + i,
        globalPosition: position,
        indexInCommit: i,
        occurredAt: new Date(0),
        actor: 'test',
        district: 'huangpu',
        commitId: `${streamId}@${fromVersion}`,
        correlationId: null,
        causationId: null,
      }) as RecordedEvent,
  );
  return {
    globalPosition: position,
    streamId,
    fromVersion,
    toVersion: fromVersion + events.length - 1,
    commitId: recorded[0]!.commitId,
    events: recorded,
  };
}

const region = { district: 'huangpu', street: 'waitan', community: 'ruijin' };
const rated = (projectId: string, rater: string, level: string) =>
  commit(`rating-${projectId}-${rater}`, 1, {
    type: 'ProjectRated',
    data: {
      projectId,
      ratingId: rater,
      councilId: 'c-1',
      region,
      level,
      comment: null,
      screenedKinds: [],
      ratedOn: '2026-11-20',
    },
  });
const convened = (councilId: string, convener: string) =>
  commit(`council-${councilId}`, 1, {
    type: 'CouncilConvened',
    data: {
      councilId,
      name: '联席会议',
      councilKind: 'JointConference',
      level: 'Street',
      convenerOrganizationId: convener,
      region: { ...region, community: null },
      convenedOn: '2026-01-01',
    },
  });

describe('the projects state fold', () => {
  it('counts each rating once in its project, council, street and district, even when a batch is applied again', async () => {
    const writer = new MemoryWriter();
    const fold = new ProjectsStateFold(writer);
    const batch = [
      rated('p-1', 'a', 'VerySatisfied'),
      rated('p-1', 'b', 'Dissatisfied'),
      rated('p-2', 'c', 'Satisfied'),
    ];
    await fold.apply(batch);
    await fold.apply(batch); // a crash after the save and before the checkpoint: the batch comes again
    await fold.apply([...batch, rated('p-2', 'd', 'BasicallySatisfied')]); // and again, with what came after
    expect(writer.counts.get('project:p-1')?.counts).toEqual({
      VerySatisfied: 1,
      Satisfied: 0,
      BasicallySatisfied: 0,
      Dissatisfied: 1,
    });
    expect(writer.counts.get('council:c-1')?.counts).toEqual({
      VerySatisfied: 1,
      Satisfied: 1,
      BasicallySatisfied: 1,
      Dissatisfied: 1,
    });
    expect(writer.counts.get('street:huangpu/waitan')?.counts.Satisfied).toBe(1);
    expect(writer.counts.get('district:huangpu')?.counts.BasicallySatisfied).toBe(1);
    expect(writer.ranking.get('district:huangpu')?.projects).toEqual({
      'p-1': { VerySatisfied: 1, Satisfied: 0, BasicallySatisfied: 0, Dissatisfied: 1, councilId: 'c-1' },
      'p-2': { VerySatisfied: 0, Satisfied: 1, BasicallySatisfied: 1, Dissatisfied: 0, councilId: 'c-1' },
    });
  });

  it('folds a council with the domain’s evolve into its view and lists, and moves list entries by difference', async () => {
    const writer = new MemoryWriter();
    const fold = new ProjectsStateFold(writer);
    const first = convened('c-1', 'waitan');
    const joined = commit('council-c-1', 2, {
      type: 'MemberUnitJoined',
      data: {
        councilId: 'c-1',
        unitId: 'u-1',
        organizationId: 'b-1',
        representativeMemberId: 'm-1',
        joinedOn: '2026-01-02',
      },
    });
    await fold.apply([first, joined]);
    await fold.apply([first, joined]); // replayed: nothing changes
    expect(writer.stored.get('council:c-1')?.version).toBe(2);
    expect(writer.entries('councils-of-representative', 'm-1')).toEqual({ 'c-1': '联席会议' });
    expect(writer.entries('councils-of-unit-organization', 'b-1')).toEqual({ 'c-1': '联席会议' });
    expect(writer.entries('councils-in-district', 'huangpu')).toEqual({ 'c-1': '联席会议' });
    await fold.apply([
      commit('council-c-1', 3, {
        type: 'MemberUnitRepresentativeChanged',
        data: { councilId: 'c-1', unitId: 'u-1', representativeMemberId: 'm-2', changedOn: '2026-02-01' },
      }),
    ]);
    expect(writer.entries('councils-of-representative', 'm-1')).toEqual({});
    expect(writer.entries('councils-of-representative', 'm-2')).toEqual({ 'c-1': '联席会议' });
  });
});
