import { type Caller } from '@lianjian/auth';
import { type Clock } from '@lianjian/calendar';
import {
  type MemberRules,
  type MemberRulesConfiguration,
  type MembershipStatus,
  type Stage,
  memberRulesFor,
} from '@lianjian/members-domain';
import { type MemberView } from './read-models';
import {
  type MemberReadModel,
  type OrganizationLookup,
  type OwnWrites,
  type RosterEntry,
  type RosterReadModel,
} from './ports';
import { type MemberScope } from './scope';

export interface MemberFilter {
  readonly organizationId?: string | null;
  readonly includeSubtree?: boolean | null;
  readonly stages?: Stage[] | null;
  readonly statuses?: MembershipStatus[] | null;
}

/** Most members a report returns (arrears, deadlines, lapse and suspension candidates). */
const MAX_REPORT = 10_000;

/** The ports every family of member queries reads through. */
export interface MemberQueryPorts {
  readonly members: MemberReadModel;
  readonly rosters: RosterReadModel;
  readonly directory: OrganizationLookup;
  readonly scope: MemberScope;
  readonly rules: MemberRulesConfiguration;
  readonly clock: Clock;
  /** The read models hold this instance's own writes (free when they already do). */
  readonly ownWrites: OwnWrites;
}

/**
 * What the query families (lookup, pipeline, dues, lapse, personal data) share: the selection of the members a list
 * or report covers, always within the caller's scope, read by exact keys from the organizations' rosters.
 */
export class MemberSelection {
  constructor(readonly ports: MemberQueryPorts) {}

  ready(): Promise<void> {
    return this.ports.ownWrites.reachOwnWrites();
  }

  /** The rules of the member's district. */
  async rulesOf(member: MemberView): Promise<MemberRules> {
    return memberRulesFor(this.ports.rules, (await this.ports.scope.target(member)).district);
  }

  /**
   * The roster entries a list covers: the caller's readable organizations (and the organization asked for, with its
   * subtree when asked), by stage and status.
   */
  async select(caller: Caller, filter: MemberFilter): Promise<RosterEntry[]> {
    await this.ready();
    const { scope, members, directory, rosters } = this.ports;
    const readable = await scope.readable(caller);
    const listed = filter.organizationId
      ? await scope.organizationsToList(caller, filter.organizationId, filter.includeSubtree ?? false)
      : null;
    let entries: RosterEntry[];
    if ('memberId' in readable) {
      const self = await members.get(readable.memberId);
      entries = self
        ? [{ memberId: self._id, organizationId: self.organizationId, stage: self.stage, status: self.status }]
        : [];
      if (listed) entries = entries.filter((e) => listed.includes(e.organizationId));
    } else {
      const allowed = readable.organizations ? new Set(readable.organizations) : null;
      const organizations = listed ?? readable.organizations ?? (await directory.allIds());
      entries = await rosters.entries(allowed ? organizations.filter((id) => allowed.has(id)) : organizations);
    }
    const stages = filter.stages?.length ? new Set<string>(filter.stages) : null;
    const statuses = filter.statuses?.length ? new Set<string>(filter.statuses) : null;
    return entries.filter((e) => (!stages || stages.has(e.stage)) && (!statuses || statuses.has(e.status)));
  }

  /** The selection's members that match a report's condition, in member id order, at most MAX_REPORT. */
  async report(entries: readonly RosterEntry[], matches: (member: MemberView) => boolean): Promise<MemberView[]> {
    const ids = entries.map((e) => e.memberId).sort();
    const rows: MemberView[] = [];
    for (let i = 0; i < ids.length && rows.length < MAX_REPORT; i += 1000) {
      for (const m of await this.ports.members.byIds(ids.slice(i, i + 1000)))
        if (matches(m) && rows.length < MAX_REPORT) rows.push(m);
    }
    return rows;
  }
}
