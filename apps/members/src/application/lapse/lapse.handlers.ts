import { type Caller } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import { type IsoDate, type LapseDecision, lapseReasons } from '@lianjian/members-domain';
import { type MemberView } from '../read-models';
import { type MemberCommandSupport } from '../member-command-support';
import { type AttendanceReadModel } from '../ports';

/** Lost contact (失联) and restored contact, and the decision on a lapse candidate (自行脱党). */
export class LapseHandlers {
  constructor(
    private readonly support: MemberCommandSupport,
    private readonly attendance: AttendanceReadModel,
  ) {}

  async recordLostContact(
    caller: Caller,
    input: { memberId: string; since: IsoDate } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.support.writable(caller, input.memberId);
    return this.support.run(
      caller,
      member,
      { kind: 'RecordLostContact', since: input.since, ...(await this.support.dated(member.view)) },
      input,
    );
  }

  async recordContactRestored(
    caller: Caller,
    input: { memberId: string; on: IsoDate } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.support.writable(caller, input.memberId);
    return this.support.run(
      caller,
      member,
      { kind: 'RecordContactRestored', on: input.on, ...(await this.support.dated(member.view)) },
      input,
    );
  }

  /** The branch's decision on a lapse candidate, approved by the superior: removal (自行脱党) or keeping them. */
  async recordLapseDecision(
    caller: Caller,
    input: {
      memberId: string;
      decision: LapseDecision;
      branchDecidedOn: IsoDate;
      approvedOn: IsoDate;
      approverOrganizationId: string;
    } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.support.approvable(caller, input.memberId, input.approverOrganizationId);
    const lastMeetingOn = await this.attendance.lastMeetingOn(member.view._id);
    const { rules, today } = await this.support.dated(member.view);
    const reasons = lapseReasons(member.view, lastMeetingOn, today, rules).map((r) => r.message);
    return this.support.run(
      caller,
      member,
      {
        kind: 'RecordLapseDecision',
        decision: input.decision,
        reasons,
        branchDecidedOn: input.branchDecidedOn,
        approvedOn: input.approvedOn,
        approverOrganizationId: input.approverOrganizationId,
        statusReason:
          input.decision === 'Remove'
            ? await this.support.sealReason(member.view._id, `自行脱党: ${reasons.join('; ')}`)
            : null,
        today,
        rules,
      },
      input,
    );
  }
}
