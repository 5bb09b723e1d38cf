import { type Commit } from '@lianjian/event-store';
import { idFromProjectsStream, projectsCategoryOf } from '@lianjian/projects-contracts';
import { type RatingEvent, type SatisfactionLevel } from '@lianjian/projects-domain';
import { type ListChange, type ProjectsStateWriter } from '../ports';
import {
  NO_RATINGS,
  type SatisfactionCounts,
  type SatisfactionDocument,
  type SatisfactionRankingDocument,
  type StreamView,
} from '../read-models';
import { FOLDED_STREAMS, type FoldedCategory, type Listed, isFolded } from './folded-streams';

const listKey = (l: { kind: string; key: string; id: string }): string => `${l.kind}\u0000${l.key}\u0000${l.id}`;

type Rated = RatingEvent['data'] & { readonly position: number };

/** The satisfaction documents a rating counts in: its project, council, street and district. */
export function satisfactionIdsOf(r: Pick<Rated, 'projectId' | 'councilId' | 'region'>): string[] {
  return [
    `project:${r.projectId}`,
    `council:${r.councilId}`,
    ...(r.region.street ? [`street:${r.region.district}/${r.region.street}`] : []),
    `district:${r.region.district}`,
  ];
}

const plus = (counts: SatisfactionCounts, level: SatisfactionLevel): SatisfactionCounts => ({
  ...counts,
  [level]: counts[level] + 1,
});

/**
 * The projects service's read models from its own log, a batch of commits at a time (the projection runs it, one
 * writer at a time): each folded stream's view by the domain's evolve and the lists its state puts it in (set and
 * removed by difference), a member's project sign-ins, and the satisfaction counts of each rating's project, council,
 * street and district with the district's ranking. A replayed batch changes nothing twice: a view takes only the
 * next version of its stream, a count only ratings after the position it holds.
 */
export class ProjectsStateFold {
  constructor(private readonly writer: ProjectsStateWriter) {}

  async apply(commits: readonly Commit[]): Promise<void> {
    const byCategory = new Map<FoldedCategory, Set<string>>();
    const rated: Rated[] = [];
    for (const commit of commits) {
      const category = projectsCategoryOf(commit.streamId);
      if (isFolded(category)) byCategory.set(category, (byCategory.get(category) ?? new Set()).add(commit.streamId));
      if (category === 'rating')
        for (const e of commit.events)
          if (e.type === 'ProjectRated')
            rated.push({ ...(e.data as RatingEvent['data']), position: commit.globalPosition });
    }

    const views = new Map<string, { category: FoldedCategory; view: StreamView<unknown> | null; before: Listed[] }>();
    for (const [category, streams] of byCategory) {
      const ids = [...streams].map(idFromProjectsStream);
      const loaded = new Map((await this.writer.views(category, ids)).map((v) => [v._id, v]));
      for (const id of ids) {
        const view = loaded.get(id) ?? null;
        views.set(`${category}:${id}`, {
          category,
          view,
          before: view?.state ? [...FOLDED_STREAMS[category].listed(id, view.state)] : [],
        });
      }
    }

    for (const commit of commits) {
      const category = projectsCategoryOf(commit.streamId);
      if (!isFolded(category)) continue;
      const id = idFromProjectsStream(commit.streamId);
      const entry = views.get(`${category}:${id}`)!;
      for (const event of commit.events) {
        const version = entry.view?.version ?? 0;
        if (event.streamVersion <= version) continue; // applied by an earlier pass of this batch
        const state = FOLDED_STREAMS[category].evolve(entry.view?.state ?? null, event);
        entry.view = { _id: id, version: event.streamVersion, state };
      }
    }

    const changed = [...views.values()].filter((v) => v.view);
    // a member's sign-ins are listed by the project's state (its memberSignIns), as every list entry
    const lists: ListChange[] = [];
    for (const { category, view, before } of changed) {
      const after = view!.state ? FOLDED_STREAMS[category].listed(view!._id, view!.state) : [];
      const kept = new Set(after.map(listKey));
      lists.push(...before.filter((l) => !kept.has(listKey(l))).map((l) => ({ ...l, value: null })));
      lists.push(...after);
    }

    const { satisfaction, rankings } = rated.length ? await this.counted(rated) : { satisfaction: [], rankings: [] };
    await this.writer.save({
      views: changed.map(({ category, view }) => ({ category, view: view! })),
      lists,
      satisfaction,
      rankings,
    });
  }

  /** The counts each rating adds to, each rating counted once: only those after the position a document holds. */
  private async counted(
    rated: readonly Rated[],
  ): Promise<{ satisfaction: SatisfactionDocument[]; rankings: SatisfactionRankingDocument[] }> {
    const ids = [...new Set(rated.flatMap(satisfactionIdsOf))];
    const docs = new Map((await this.writer.satisfaction(ids)).map((d) => [d._id, d]));
    const districts = [...new Set(rated.map((r) => `district:${r.region.district}`))];
    const rankings = new Map((await this.writer.rankings(districts)).map((d) => [d._id, d]));
    const last = rated[rated.length - 1]!.position;
    // what each document held when loaded: a rating at or before its position is in it already
    const held = (doc: { position: number } | undefined): number => doc?.position ?? 0;
    const heldCounts = new Map([...docs].map(([id, d]) => [id, held(d)]));
    const heldRankings = new Map([...rankings].map(([id, d]) => [id, held(d)]));
    // the ranking's entries this batch changes (written entry by entry: a district has thousands of projects)
    const changed = new Set<string>();
    const changedRankings = new Map<string, Map<string, SatisfactionCounts & { councilId: string }>>();
    for (const r of rated) {
      for (const id of satisfactionIdsOf(r)) {
        if (r.position <= (heldCounts.get(id) ?? 0)) continue;
        const doc = docs.get(id) ?? { _id: id, counts: NO_RATINGS, position: 0 };
        docs.set(id, { ...doc, counts: plus(doc.counts, r.level) });
        changed.add(id);
      }
      const rankingId = `district:${r.region.district}`;
      if (r.position <= (heldRankings.get(rankingId) ?? 0)) continue;
      const ranking = changedRankings.get(rankingId) ?? new Map<string, SatisfactionCounts & { councilId: string }>();
      changedRankings.set(rankingId, ranking);
      const counts = ranking.get(r.projectId) ??
        rankings.get(rankingId)?.projects[r.projectId] ?? { ...NO_RATINGS, councilId: r.councilId };
      ranking.set(r.projectId, { ...plus(counts, r.level), councilId: r.councilId });
    }
    return {
      // only the documents this batch added to, and never moved back (a replayed older batch adds nothing)
      satisfaction: [...docs.values()]
        .filter((d) => changed.has(d._id))
        .map((d) => ({ ...d, position: Math.max(d.position, last) })),
      rankings: [...changedRankings].map(([_id, projects]) => ({
        _id,
        projects: Object.fromEntries(projects),
        position: last,
      })),
    };
  }
}
