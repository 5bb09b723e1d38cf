import { type Clock } from '@lianjian/calendar';
import {
  type CadenceRequirement,
  type RulesConfiguration,
  meetingCadence,
  rulesFor,
} from '@lianjian/organizations-domain';
import { meetingsIn, meetingsKey } from '../list-keys';
import { type MeetingView, type OrganizationView } from '../read-models';
import { type ReadModels } from '../common/read-models.port';

/** Organizational life (三会一课): an organization's meetings, and which required meetings it still misses. */
export class MeetingQueries {
  constructor(
    private readonly views: Pick<ReadModels, 'freshness' | 'organizations' | 'meetings' | 'tree'>,
    private readonly rules: RulesConfiguration,
    private readonly clock: Clock,
  ) {}

  async meetings(org: OrganizationView, from: string | null, to: string | null): Promise<MeetingView[]> {
    await this.views.freshness.reachOwnWrites();
    // the organization's list of meetings (date|id, by key), the period in memory, then those meetings by key
    const listed = meetingsIn(await this.views.tree.listEntries(meetingsKey(org._id)), from, to).slice(0, 1000);
    const byId = new Map((await this.views.meetings.byIds(listed.map((m) => m.id))).map((m) => [m._id, m]));
    return listed.map((m) => byId.get(m.id)).filter((m): m is MeetingView => m !== undefined);
  }

  /** Which required meetings the branch still misses in the month, quarter and year containing `asOf`. */
  async meetingCadence(org: OrganizationView, asOf: string | null): Promise<CadenceRequirement[]> {
    const date = asOf ?? this.clock.today();
    await this.views.freshness.reachOwnWrites();
    // the active party groups below: the projection's list of children, then those children by key
    const { activeChildIds } = await this.views.tree.childrenOf(org._id);
    const children = activeChildIds.length ? await this.views.organizations.byIds(activeChildIds) : [];
    const groups = children.filter((c) => c.type === 'PartyGroup');
    const lists = await this.views.tree.listsEntries([org._id, ...groups.map((g) => g._id)].map(meetingsKey));
    const inYear = [...lists.values()].flatMap((entries) => meetingsIn(entries, `${date.slice(0, 4)}-01-01`, date));
    const meetings = await this.views.meetings.byIds(inYear.map((m) => m.id));
    return meetingCadence(
      {
        meetings,
        hasCommittee:
          (org.leadership?.committeeMembers.length ?? 0) > 0 || (org.leadership?.deputySecretaries.length ?? 0) > 0,
        hasPartyGroups: groups.length > 0,
      },
      date,
      rulesFor(this.rules, org.region.district),
    );
  }
}
