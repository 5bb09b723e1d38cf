import { type Caller } from '@lianjian/auth';
import { type Clock } from '@lianjian/calendar';
import {
  type Council,
  type MatchRegion,
  type Nearness,
  type Need,
  type Resource,
  matchNeedsToResources,
} from '@lianjian/projects-domain';
import { type CouncilAccess } from '../common/council-access';
import { type Directory, type ProjectsReadModel } from '../ports';
import { type NeedView } from './needs.queries';
import { type ResourceView } from './resources.queries';
import { parseNeedListValue, parseResourceListValue, resourceMatches } from './list-values';

export interface NeedMatchView {
  readonly need: NeedView;
  /** The resources that could serve it, best first. */
  readonly resources: ReadonlyArray<{
    readonly resource: ResourceView;
    readonly nearness: Nearness;
    readonly remaining: number;
  }>;
}

/**
 * The council's matching (§2): each open need, oldest first, beside the resources of the council that could serve it
 * today (the domain's matchNeedsToResources: category, availability, nearness by place, then the offering or submitting
 * unit's community and street). The council decides which become projects.
 */
export class MatchingQueries {
  constructor(
    private readonly read: ProjectsReadModel,
    private readonly access: CouncilAccess,
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {}

  async matches(caller: Caller, councilId: string, first: number): Promise<NeedMatchView[]> {
    await this.read.reachOwnWrites();
    const council = (await this.read.view<Council>('council', councilId))?.state;
    if (!council || !(await this.access.canRead(caller, council))) return [];
    const today = this.clock.today();
    const [needEntries, resourceEntries] = await Promise.all([
      this.read.entries('needs-of-council', [council.councilId]),
      this.read.entries('resources-of-council', [council.councilId]),
    ]);
    const open = needEntries
      .map((e) => ({ id: e.id, v: parseNeedListValue(e.value) }))
      .filter((e) => e.v.status === 'Open')
      .sort((a, b) => a.v.submittedOn.localeCompare(b.v.submittedOn) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, Math.min(Math.max(first, 1), 200))
      .map((e) => e.id);
    const available = resourceEntries
      .filter((e) => resourceMatches(parseResourceListValue(e.value), { availableOn: today }))
      .map((e) => e.id);
    const [needs, resources] = await Promise.all([
      this.read.views<Need>('need', open),
      this.read.views<Resource>('resource', available),
    ]);
    const regions = await this.unitRegions([
      ...needs.flatMap((n) => (n.state.unitId ? [n.state.unitId] : [])),
      ...resources.map((r) => r.state.unitId),
    ]);
    const regionOf = (unitId: string | null): MatchRegion | null => (unitId ? (regions.get(unitId) ?? null) : null);
    const matched = matchNeedsToResources(
      needs.map((n) => ({ ...n.state, region: regionOf(n.state.unitId) })),
      resources.map((r) => ({ ...r.state, region: regionOf(r.state.unitId) })),
      today,
    );
    const needById = new Map(needs.map((n) => [n._id, n]));
    const resourceById = new Map(resources.map((r) => [r._id, r]));
    return matched.flatMap((m) => {
      const need = needById.get(m.needId);
      return need
        ? [
            {
              need,
              resources: m.resources.flatMap((r) => {
                const resource = resourceById.get(r.resourceId);
                return resource ? [{ resource, nearness: r.nearness, remaining: r.remaining }] : [];
              }),
            },
          ]
        : [];
    });
  }

  private async unitRegions(unitIds: readonly string[]): Promise<Map<string, MatchRegion>> {
    const unique = [...new Set(unitIds)];
    const units = await Promise.all(unique.map((id) => this.directory.unit(id)));
    return new Map(
      units.flatMap((u) => (u ? [[u._id, { street: u.region.street, community: u.region.community }]] : [])),
    );
  }
}
