import { type Page, type PageRequest, pageOf } from '@lianjian/api';
import { type Caller, listableDistrict } from '@lianjian/auth';
import { type Council } from '@lianjian/projects-domain';
import { type CouncilAccess } from '../common/council-access';
import { type Directory, type ProjectsReadModel } from '../ports';
import { type StreamView } from '../read-models';

export type CouncilView = StreamView<Council>;

/**
 * Joint councils to read: one by id, the councils a caller may see (a district's, an organization admin's subtree's,
 * those a member represents a unit in, those an admin's organization is a member unit of), and the councils each of
 * a page of organizations convenes (`Organization.councils`, one read for the page).
 */
export class CouncilQueries {
  constructor(
    private readonly read: ProjectsReadModel,
    private readonly access: CouncilAccess,
    private readonly directory: Directory,
  ) {}

  /** The council, if the caller may see it (null otherwise: a council outside one's scope does not exist for one). */
  async council(caller: Caller, councilId: string): Promise<CouncilView | null> {
    await this.read.reachOwnWrites();
    const view = await this.read.view<Council>('council', councilId);
    return view?.state && (await this.access.canRead(caller, view.state)) ? view : null;
  }

  /**
   * The councils the caller may see, in a district (a code such as `huangpu`) or wherever the caller's scope is. Paged
   * from the list entries: a council listed for the caller's district scope (the city, analytics readers, the
   * district's admins), as the representative's or as the admin's organization's is readable as listed; only a
   * member's or organization admin's district candidates are read to check each once. Then only the page's views.
   */
  async councils(caller: Caller, district: string | null, page: PageRequest): Promise<Page<CouncilView>> {
    await this.read.reachOwnWrites();
    const { readable, unchecked } = await this.candidates(caller, listableDistrict(caller, district));
    const checked = await this.readable(
      caller,
      await this.read.views<Council>(
        'council',
        unchecked.filter((id) => !readable.has(id)),
      ),
    );
    const known = new Map(checked.map((v) => [v._id, v]));
    return pageOf([...readable, ...known.keys()], page, async (pageIds) => [
      ...pageIds.flatMap((id) => known.get(id) ?? []),
      ...(
        await this.read.views<Council>(
          'council',
          pageIds.filter((id) => !known.has(id)),
        )
      ).filter((v) => v.state),
    ]);
  }

  /** The councils each organization convenes that the caller may see, for a page of organizations at once. */
  async convenedBy(caller: Caller, organizationIds: readonly string[]): Promise<Map<string, CouncilView[]>> {
    await this.read.reachOwnWrites();
    const entries = await this.read.entries('councils-of-organization', organizationIds);
    const views = await this.readable(
      caller,
      await this.read.views<Council>(
        'council',
        entries.map((e) => e.id),
      ),
    );
    const byId = new Map(views.map((v) => [v._id, v]));
    const result = new Map<string, CouncilView[]>(organizationIds.map((id) => [id, []]));
    for (const e of entries) {
      const view = byId.get(e.id);
      if (view) result.get(e.key)?.push(view);
    }
    return result;
  }

  /**
   * The council ids to list: those readable as listed (the district's for a caller reading the whole district; those
   * a member represents a unit in; those an admin's organization is a member unit of) and those to check (a member's
   * or organization admin's district, whose councils are readable only when convened in their subtree).
   */
  private async candidates(
    caller: Caller,
    district: string | null,
  ): Promise<{ readable: Set<string>; unchecked: string[] }> {
    const ids = (entries: ReadonlyArray<{ id: string }>) => entries.map((e) => e.id);
    const readable = new Set<string>();
    let unchecked: string[] = [];
    const narrow = caller.role === 'ORGANIZATION_ADMIN' || caller.role === 'MEMBER';
    const own = caller.organizationId ? (await this.directory.scopeOf(caller.organizationId)).district : null;
    const inDistrict = district ?? (narrow ? own : null);
    const districtIds = inDistrict
      ? ids(await this.read.entries('councils-in-district', [inDistrict]))
      : caller.role === 'CITY_ADMIN' || caller.role === 'ANALYTICS_READER'
        ? ids(await this.read.entries('councils-in-district', await this.districts()))
        : [];
    if (narrow) unchecked = districtIds;
    else for (const id of districtIds) readable.add(id);
    if (caller.role === 'MEMBER' && caller.memberId)
      for (const id of ids(await this.read.entries('councils-of-representative', [caller.memberId]))) readable.add(id);
    if (caller.role === 'ORGANIZATION_ADMIN' && caller.organizationId)
      for (const id of ids(await this.read.entries('councils-of-unit-organization', [caller.organizationId])))
        readable.add(id);
    return { readable, unchecked };
  }

  /** Every district with a council (one list document names them). */
  private async districts(): Promise<string[]> {
    return (await this.read.entries('districts-with-councils', ['all'])).map((e) => e.id);
  }

  private async readable(caller: Caller, views: ReadonlyArray<CouncilView>): Promise<CouncilView[]> {
    const allowed = await Promise.all(
      views.map((v) => (v.state ? this.access.canRead(caller, v.state) : Promise.resolve(false))),
    );
    return views.filter((_, i) => allowed[i]);
  }
}
