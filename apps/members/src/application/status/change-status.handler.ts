import { type Caller } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import { type IsoDate, type MembershipStatus } from '@lianjian/members-domain';
import { type MemberView } from '../read-models';
import { type MemberCommandSupport } from '../member-command-support';

/** A member's membership status (normal, suspended, …) changed by an admin of their branch or above. */
export class ChangeStatusHandler {
  constructor(private readonly support: MemberCommandSupport) {}

  async changeStatus(
    caller: Caller,
    input: { memberId: string; status: MembershipStatus; on: IsoDate; reason: string } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.support.writable(caller, input.memberId);
    return this.support.run(
      caller,
      member,
      {
        kind: 'ChangeMembershipStatus',
        status: input.status,
        on: input.on,
        reason: await this.support.sealReason(member.view._id, input.reason),
        ...(await this.support.dated(member.view)),
      },
      input,
    );
  }
}
