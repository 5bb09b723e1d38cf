import { type Caller, assertCanRead, canRead } from '@lianjian/auth';
import { type Clock, isIsoDate } from '@lianjian/calendar';
import { violation } from '@lianjian/organizations-domain';
import { timelineEntryId } from '../list-keys';
import { type OrganizationView, type TimelineEntry } from '../read-models';
import { type TimelineReads } from '../common/read-models.port';
import { scopeOf } from '../scope';

export interface TreeNodeAsOf {
  readonly organization: TimelineEntry['state'];
  readonly depth: number;
  readonly version: number;
}

/** The past, from the timeline (it follows Kafka, so it may lag the current state): an organization's history and the tree as of a date. */
export class HistoryQueries {
  constructor(
    private readonly timeline: TimelineReads,
    private readonly clock: Clock,
  ) {}

  /**
   * Every version of the organization the timeline holds, by the entries' keys: one per version of the stream, up
   * to the version of the organization's view.
   */
  async history(caller: Caller, org: OrganizationView): Promise<TimelineEntry[]> {
    assertCanRead(caller, scopeOf(org));
    const ids = Array.from({ length: org.version }, (_, i) => timelineEntryId(org._id, i + 1));
    const entries = await this.timeline.byIds(ids);
    return entries.sort((a, b) => a.version - b.version);
  }

  /**
   * The tree as it stood on a past date, from the timeline: every organization's version valid on that date
   * and active then. With a root, only that organization and what was below it then.
   */
  async treeAsOf(caller: Caller, date: string, rootId: string | null): Promise<TreeNodeAsOf[]> {
    if (!isIsoDate(date)) violation('DATE_IN_FUTURE', 'the date must be a calendar date YYYY-MM-DD', 'date');
    if (date > this.clock.today()) violation('DATE_IN_FUTURE', 'the tree as of a future date is not known', 'date');
    const entries = await this.timeline.validOn(date);
    const active = new Map(entries.filter((e) => e.state.status === 'active').map((e) => [e.organizationId, e]));
    const children = new Map<string | null, TimelineEntry[]>();
    for (const e of active.values()) {
      const parent = e.state.parentId && active.has(e.state.parentId) ? e.state.parentId : null;
      children.set(parent, [...(children.get(parent) ?? []), e]);
    }
    const start = rootId
      ? [active.get(rootId)].filter((e): e is TimelineEntry => e !== undefined)
      : (children.get(null) ?? []);
    const result: TreeNodeAsOf[] = [];
    /*
     * An organization stands in the district of the highest organization above it (or itself) that has one — the
     * rule of the current views and of the members service's scopes: a whole-organization transfer (整建制转移) has an
     * event on the moved organization's stream only, and its subtree follows it to the new district.
     */
    const visit = (entry: TimelineEntry, depth: number, path: readonly string[], district: string | null): void => {
      const placedIn = district ?? entry.state.region.district;
      const here = [...path, entry.organizationId];
      const organization =
        placedIn === entry.state.region.district
          ? entry.state
          : { ...entry.state, region: { ...entry.state.region, district: placedIn } };
      if (canRead(caller, { district: placedIn, organizationPath: here })) {
        result.push({ organization, depth, version: entry.version });
      }
      for (const child of [...(children.get(entry.organizationId) ?? [])].sort((a, b) =>
        a.state.name.localeCompare(b.state.name, 'zh'),
      )) {
        visit(child, depth + 1, here, placedIn);
      }
    };
    for (const root of start) {
      // a root below the top: its ancestors then, for the district and the organization path
      const above: TimelineEntry[] = [];
      for (
        let p = active.get(root.state.parentId ?? '');
        p && above.length < 64;
        p = active.get(p.state.parentId ?? '')
      ) {
        above.unshift(p);
      }
      const district = above.map((e) => e.state.region.district).find((d) => d !== null) ?? null;
      visit(
        root,
        0,
        above.map((e) => e.organizationId),
        district,
      );
    }
    if (rootId && start.length === 0)
      violation('ORGANIZATION_NOT_FOUND', `organization ${rootId} was not active on ${date}`, 'rootId');
    return result;
  }
}
