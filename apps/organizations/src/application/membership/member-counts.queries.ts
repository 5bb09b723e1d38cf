import { type OrganizationView } from '../read-models';
import { type ReadModels } from '../common/read-models.port';

export interface MemberCounts {
  members: number;
  fullMembers: number;
  probationaryMembers: number;
  byStage: Array<{ key: string; count: number }>;
  byStatus: Array<{ key: string; count: number }>;
}

/** Members in the organization tree, from the members service's events (the rosters). */
export class MemberCountQueries {
  constructor(private readonly views: Pick<ReadModels, 'freshness' | 'tree' | 'rosters'>) {}

  /** Members by stage and by status, of the organization alone or with its whole subtree. */
  async memberCounts(org: OrganizationView, includeSubtree: boolean): Promise<MemberCounts> {
    await this.views.freshness.reachOwnWrites();
    // the subtree through the lists of children, the members through the organizations' rosters: exact keys
    const ids = includeSubtree ? [org._id, ...(await this.views.tree.descendantIdsOf(org._id))] : [org._id];
    const facts = [...(await this.views.rosters.members('org', ids)).values()].flat();
    const tally = (key: (f: (typeof facts)[number]) => string) => {
      const counts = new Map<string, number>();
      for (const f of facts) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
      return [...counts].map(([k, count]) => ({ key: k, count })).sort((a, b) => a.key.localeCompare(b.key));
    };
    const counted = facts.filter((f) => f.counted);
    return {
      members: counted.length,
      fullMembers: counted.filter((f) => f.stage === 'FullMember').length,
      probationaryMembers: counted.filter((f) => f.stage === 'ProbationaryMember').length,
      byStage: tally((f) => f.stage),
      byStatus: tally((f) => f.status),
    };
  }
}
