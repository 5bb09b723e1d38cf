import { type Page, type PageRequest, pageOf } from '@lianjian/api';
import { type Caller } from '@lianjian/auth';
import { type Council, type Need, type NeedOutcome, needOutcome } from '@lianjian/projects-domain';
import { type CouncilAccess } from '../common/council-access';
import { type ProjectsReadModel } from '../ports';
import { type StreamView } from '../read-models';
import { type NeedFilter, needMatches, parseNeedListValue } from './list-values';

export type NeedView = StreamView<Need>;

/** Needs to read: one by id, a council's list with filters (whoever may read the council), and a submitter's receipt. */
export class NeedQueries {
  constructor(
    private readonly read: ProjectsReadModel,
    private readonly access: CouncilAccess,
  ) {}

  /** The need, if the caller may read its council (null otherwise). */
  async need(caller: Caller, needId: string): Promise<NeedView | null> {
    await this.read.reachOwnWrites();
    const view = await this.read.view<Need>('need', needId);
    if (!view?.state) return null;
    const council = await this.read.view<Council>('council', view.state.councilId);
    return council?.state && (await this.access.canRead(caller, council.state)) ? view : null;
  }

  /** A council's needs, wishes and ideas with the filters given, in id order, a page at a time. */
  async needs(caller: Caller, councilId: string, filter: NeedFilter, page: PageRequest): Promise<Page<NeedView>> {
    await this.read.reachOwnWrites();
    const council = (await this.read.view<Council>('council', councilId))?.state;
    if (!council || !(await this.access.canRead(caller, council))) return pageOf([], page, () => Promise.resolve([]));
    const ids = (await this.read.entries('needs-of-council', [council.councilId]))
      .filter((e) => needMatches(parseNeedListValue(e.value), filter))
      .map((e) => e.id);
    return pageOf(ids, page, (pageIds) => this.read.views<Need>('need', pageIds));
  }

  /**
   * What the submitter is told about their need (the public receipt): its kind, where it stands and since when, the
   * project that took it up or the unit that claimed it, the reason it was declined — no one's personal data. Null:
   * no such need. The caller (the public endpoint) decides who may ask.
   */
  async receipt(needId: string): Promise<NeedOutcome | null> {
    await this.read.reachOwnWrites();
    return needOutcome((await this.read.view<Need>('need', needId))?.state ?? null);
  }
}

/** The public receipt of a need (see NeedQueries.receipt). */
export const needReceipt = (queries: NeedQueries, needId: string): Promise<NeedOutcome | null> =>
  queries.receipt(needId);
