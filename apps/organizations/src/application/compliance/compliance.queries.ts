import { type Clock } from '@lianjian/calendar';
import {
  type ComplianceFinding,
  type RulesConfiguration,
  assessSetting,
  isNonPublicUnit,
  rulesFor,
} from '@lianjian/organizations-domain';
import { type OrganizationView } from '../read-models';
import { type ReadModels } from '../common/read-models.port';

/** The setting rules (设置规范) an organization does not meet: advice, not a block. */
export class ComplianceQueries {
  constructor(
    private readonly views: Pick<ReadModels, 'freshness' | 'units' | 'rosters'>,
    private readonly rules: RulesConfiguration,
    private readonly clock: Clock,
  ) {}

  async complianceFindings(org: OrganizationView): Promise<ComplianceFinding[]> {
    await this.views.freshness.reachOwnWrites();
    const units = org.coveredUnitIds.length ? await this.views.units.byIds(org.coveredUnitIds) : [];
    return assessSetting(
      {
        type: org.type,
        status: org.status,
        coveredUnitCount: org.coveredUnitIds.length,
        leadership: org.leadership,
        inNonPublicUnit: units.some((u) => isNonPublicUnit(u.kind)),
      },
      // counted members and full members of the organization, from the members service's events: its roster, by key
      await this.views.rosters.organizationCounts(org._id),
      this.clock.today(),
      rulesFor(this.rules, org.region.district),
    );
  }
}
