import { type Caller, listableDistrict } from '@lianjian/auth';
import { type Clock, addDays } from '@lianjian/calendar';
import { type ElectionStatus, type RulesConfiguration, electionStatus, rulesFor } from '@lianjian/organizations-domain';
import { compareIds } from '../list-keys';
import { type OrganizationView } from '../read-models';
import { type QuerySupport } from '../common/query-support';

/** Terms and elections: each organization's election status, and the elections due in a caller's scope. */
export class LeadershipQueries {
  constructor(
    private readonly s: QuerySupport,
    private readonly rules: RulesConfiguration,
    private readonly clock: Clock,
  ) {}

  /** Organizations whose committee election is due within the configured window, overdue, or never held. */
  async electionsDue(
    caller: Caller,
    district: string | null,
  ): Promise<Array<{ organization: OrganizationView; status: ElectionStatus }>> {
    const scoped = listableDistrict(caller, district);
    await this.s.readOwnWrites();
    const today = this.clock.today();
    const widestWindow = Math.max(
      this.rules.defaults.electionDueWithinDays,
      ...Object.values(this.rules.districts).map((d) => d.electionDueWithinDays ?? 0),
    );
    const until = addDays(today, widestWindow);
    // the active organizations in scope that elect a committee (the list's entries), then their views by key
    const ids = await this.s.listableOrganizationIds(
      caller,
      scoped,
      (o) => o.status === 'active' && o.type !== 'PartyGroup',
    );
    const termEnd = (o: OrganizationView): string | null => o.leadership?.termEndsOn ?? null;
    const candidates = (await this.s.views.organizations.byIds(ids))
      .filter(
        (o) =>
          o.status === 'active' &&
          o.type !== 'PartyGroup' &&
          (!o.leadership || (termEnd(o) !== null && (termEnd(o) as string) <= until)),
      )
      // as MongoDB sorts them: no term end first, then by term end and id
      .sort((a, b) => compareIds(termEnd(a) ?? '', termEnd(b) ?? '') || compareIds(a._id, b._id))
      .slice(0, 5000);
    return candidates
      .map((organization) => ({
        organization,
        status: electionStatus(organization.leadership, today, rulesFor(this.rules, organization.region.district)),
      }))
      .filter((e) => e.status !== 'CURRENT');
  }

  electionStatusOf(org: OrganizationView): ElectionStatus {
    return electionStatus(org.leadership, this.clock.today(), rulesFor(this.rules, org.region.district));
  }
}
