import { type Caller } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import { type OrganizationView } from '../read-models';
import { type CommandRunner, type PersonInput, personOf } from '../common/command-runner';

/** Elections (换届): the leadership and its term. */
export class LeadershipCommands {
  constructor(private readonly runner: CommandRunner) {}

  async electLeadership(
    caller: Caller,
    input: {
      organizationId: string;
      electedOn: string;
      secretary: PersonInput;
      deputySecretaries?: PersonInput[] | null;
      committeeMembers?: PersonInput[] | null;
    } & CommandOptions,
  ): Promise<OrganizationView> {
    const org = await this.runner.writable(caller, input.organizationId);
    return this.runner.runOrganization(
      caller,
      org.view._id,
      org,
      null,
      org.view.region.district,
      {
        kind: 'ElectLeadership',
        electedOn: input.electedOn,
        secretary: personOf(input.secretary),
        deputySecretaries: (input.deputySecretaries ?? []).map(personOf),
        committeeMembers: (input.committeeMembers ?? []).map(personOf),
        ...this.runner.dated(org.view.region.district),
      },
      input,
    );
  }
}
