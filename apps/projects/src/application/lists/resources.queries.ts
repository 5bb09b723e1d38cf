import { InputValidationError, type Page, type PageRequest, pageOf } from '@lianjian/api';
import { type Caller } from '@lianjian/auth';
import { isIsoDate } from '@lianjian/calendar';
import { type Council, type Resource } from '@lianjian/projects-domain';
import { type CouncilAccess } from '../common/council-access';
import { type ProjectsReadModel } from '../ports';
import { type StreamView } from '../read-models';
import { type ResourceFilter, parseResourceListValue, resourceMatches } from './list-values';

export type ResourceView = StreamView<Resource>;

/** Resources to read: one by id, and a council's list with filters (whoever may read the council). */
export class ResourceQueries {
  constructor(
    private readonly read: ProjectsReadModel,
    private readonly access: CouncilAccess,
  ) {}

  async resource(caller: Caller, resourceId: string): Promise<ResourceView | null> {
    await this.read.reachOwnWrites();
    const view = await this.read.view<Resource>('resource', resourceId);
    if (!view?.state) return null;
    const council = await this.read.view<Council>('council', view.state.councilId);
    return council?.state && (await this.access.canRead(caller, council.state)) ? view : null;
  }

  async resources(
    caller: Caller,
    councilId: string,
    filter: ResourceFilter,
    page: PageRequest,
  ): Promise<Page<ResourceView>> {
    if (filter.availableOn && !isIsoDate(filter.availableOn))
      throw InputValidationError.of('availableOn', 'availableOn must be a calendar date (YYYY-MM-DD)');
    await this.read.reachOwnWrites();
    const council = (await this.read.view<Council>('council', councilId))?.state;
    if (!council || !(await this.access.canRead(caller, council))) return pageOf([], page, () => Promise.resolve([]));
    const ids = (await this.read.entries('resources-of-council', [council.councilId]))
      .filter((e) => resourceMatches(parseResourceListValue(e.value), filter))
      .map((e) => e.id);
    return pageOf(ids, page, (pageIds) => this.read.views<Resource>('resource', pageIds));
  }
}
