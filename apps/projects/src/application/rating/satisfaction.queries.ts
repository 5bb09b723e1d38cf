import { InputValidationError, type PageRequest, encodeCursor, pageWindow } from '@lianjian/api';
import { AuthError, type Caller, canRead } from '@lianjian/auth';
import { type Council, type Project, satisfactionRate } from '@lianjian/projects-domain';
import { type CouncilAccess } from '../common/council-access';
import { type ProjectsReadModel } from '../ports';
import { NO_RATINGS, type SatisfactionCounts } from '../read-models';

/** Satisfaction (满意度) of a project, council, street or district: the count per level and the rate. */
export interface Satisfaction {
  readonly counts: SatisfactionCounts;
  readonly ratings: number;
  /** Share of ratings not dissatisfied (满意率); null without a rating. */
  readonly rate: number | null;
}

export interface RankedProject extends Satisfaction {
  readonly projectId: string;
  readonly councilId: string;
  readonly title: string | null;
  readonly rank: number;
}

export interface RankingPage {
  readonly items: RankedProject[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

export const satisfactionOf = (counts: SatisfactionCounts | undefined): Satisfaction => {
  const c = counts ? pickCounts(counts) : NO_RATINGS;
  return {
    counts: c,
    ratings: c.VerySatisfied + c.Satisfied + c.BasicallySatisfied + c.Dissatisfied,
    rate: satisfactionRate(c),
  };
};

const pickCounts = (c: SatisfactionCounts): SatisfactionCounts => ({
  VerySatisfied: c.VerySatisfied ?? 0,
  Satisfied: c.Satisfied ?? 0,
  BasicallySatisfied: c.BasicallySatisfied ?? 0,
  Dissatisfied: c.Dissatisfied ?? 0,
});

/**
 * Satisfaction rates from the counts the state projection keeps (`project:`, `council:`, `street:`, `district:`
 * documents) and a district's ranking (one document): read by key. A project's or council's to whoever may read the
 * council; a street's or district's to its district's admins, the city and analytics readers; the ranking to those,
 * and to organization admins and members for the councils they may read.
 */
export class SatisfactionQueries {
  constructor(
    private readonly read: ProjectsReadModel,
    private readonly access: CouncilAccess,
  ) {}

  /** Satisfaction of each project (already readable by the caller), for a page of projects at once. */
  async ofProjects(projectIds: readonly string[]): Promise<Map<string, Satisfaction>> {
    const docs = new Map(
      (await this.read.satisfaction(projectIds.map((id) => `project:${id}`))).map((d) => [d._id, d.counts]),
    );
    return new Map(projectIds.map((id) => [id, satisfactionOf(docs.get(`project:${id}`))]));
  }

  /**
   * Satisfaction of each project whose council the caller may read (null for the others), for a page of projects at
   * once: the projects' views, their councils' (each council's readability checked once) and their counts, one read
   * each.
   */
  async ofReadableProjects(caller: Caller, projectIds: readonly string[]): Promise<Map<string, Satisfaction | null>> {
    const projects = await this.read.views<Project>('project', [...new Set(projectIds)]);
    const councilOf = new Map(projects.flatMap((v) => (v.state ? [[v._id, v.state.councilId] as const] : [])));
    const councils = await this.read.views<Council>('council', [...new Set(councilOf.values())]);
    const readable = new Set<string>();
    for (const c of councils) if (c.state && (await this.access.canRead(caller, c.state))) readable.add(c._id);
    const shown = projectIds.filter((id) => readable.has(councilOf.get(id) ?? ''));
    const counts = shown.length ? await this.ofProjects(shown) : new Map<string, Satisfaction>();
    return new Map(projectIds.map((id) => [id, counts.get(id) ?? null]));
  }

  /** Satisfaction of each council (already readable by the caller). */
  async ofCouncils(councilIds: readonly string[]): Promise<Map<string, Satisfaction>> {
    const docs = new Map(
      (await this.read.satisfaction(councilIds.map((id) => `council:${id}`))).map((d) => [d._id, d.counts]),
    );
    return new Map(councilIds.map((id) => [id, satisfactionOf(docs.get(`council:${id}`))]));
  }

  /** A district's (a code such as `huangpu`) or one of its streets' satisfaction. */
  async ofRegion(caller: Caller, district: string, street: string | null): Promise<Satisfaction> {
    this.assertRegion(caller, district);
    const id = street ? `street:${district}/${street}` : `district:${district}`;
    const [doc] = await this.read.satisfaction([id]);
    return satisfactionOf(doc?.counts);
  }

  /**
   * The projects of a district ranked by satisfaction rate, then number of ratings, then id (one read of the
   * district's ranking, then the page's projects by key for their titles); only projects with at least
   * `minRatings` ratings, of one council if given, and — for organization admins and members — only of the councils
   * they may read.
   */
  async ranking(
    caller: Caller,
    district: string,
    filter: { councilId: string | null; minRatings: number },
    page: PageRequest,
  ): Promise<RankingPage> {
    const wide = this.canReadRegion(caller, district);
    if (!wide && caller.role !== 'ORGANIZATION_ADMIN' && caller.role !== 'MEMBER')
      throw new AuthError('FORBIDDEN', 'outside your district');
    const { first, afterId } = pageWindow(page);
    const doc = await this.read.ranking(district);
    let ranked = Object.entries(doc?.projects ?? {})
      .filter(([, c]) => filter.councilId === null || c.councilId === filter.councilId)
      .map(([projectId, c]) => ({ projectId, councilId: c.councilId, ...satisfactionOf(c) }))
      .filter((r) => r.ratings >= Math.max(filter.minRatings, 1));
    if (!wide) {
      const councilIds = [...new Set(ranked.map((r) => r.councilId))];
      const councils = await this.read.views<Council>('council', councilIds);
      const readable = new Set<string>();
      for (const c of councils) if (c.state && (await this.access.canRead(caller, c.state))) readable.add(c._id);
      ranked = ranked.filter((r) => readable.has(r.councilId));
    }
    ranked.sort(
      (a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.ratings - a.ratings || compare(a.projectId, b.projectId),
    );
    const start = afterId === null ? 0 : ranked.findIndex((r) => r.projectId === afterId) + 1;
    if (afterId !== null && start === 0)
      throw InputValidationError.of('after', 'after must be a cursor of this ranking (pageInfo.endCursor)');
    const slice = ranked.slice(start, start + first);
    const titles = new Map(
      (
        await this.read.views<Project>(
          'project',
          slice.map((r) => r.projectId),
        )
      ).map((v) => [v._id, v.state?.title ?? null]),
    );
    return {
      items: slice.map((r, i) => ({ ...r, title: titles.get(r.projectId) ?? null, rank: start + i + 1 })),
      endCursor: slice.length ? encodeCursor(slice.at(-1)!.projectId) : null,
      hasNextPage: start + first < ranked.length,
      totalCount: ranked.length,
    };
  }

  private canReadRegion(caller: Caller, district: string): boolean {
    return (
      caller.role !== 'ORGANIZATION_ADMIN' &&
      caller.role !== 'MEMBER' &&
      canRead(caller, { district, organizationPath: [] })
    );
  }

  private assertRegion(caller: Caller, district: string): void {
    if (!this.canReadRegion(caller, district))
      throw new AuthError('FORBIDDEN', "a street's or district's satisfaction is for its district's admins");
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
