import { type Caller } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import { type OrganizationCommand } from '@lianjian/organizations-domain';
import { type OrganizationView } from '../read-models';
import { type CommandRunner } from '../common/command-runner';

/** Which units an organization covers (联合组建 and 单独组建 alike). */
export class CoverageCommands {
  constructor(private readonly runner: CommandRunner) {}

  async coverUnits(
    caller: Caller,
    input: {
      organizationId: string;
      unitIds: string[];
      covered: boolean;
      effectiveOn?: string | null;
    } & CommandOptions,
  ): Promise<OrganizationView> {
    const org = await this.runner.writable(caller, input.organizationId);
    if (input.covered) await this.runner.requireUnits(caller, input.unitIds);
    const effectiveOn = input.effectiveOn ?? this.runner.clock.today();
    const district = org.view.region.district;
    const command: OrganizationCommand = input.covered
      ? { kind: 'CoverUnits', unitIds: input.unitIds, effectiveOn, ...this.runner.dated(district) }
      : { kind: 'UncoverUnits', unitIds: input.unitIds, effectiveOn, ...this.runner.dated(district) };
    return this.runner.runOrganization(caller, org.view._id, org, null, district, command, input);
  }
}
