import { type Caller } from '@lianjian/auth';
import { type DeadlineStatus, type PipelineDeadline, memberRulesFor, pipelineDeadline } from '@lianjian/members-domain';
import { type MemberView } from '../read-models';
import { type MemberFilter, type MemberSelection } from '../queries-support';

/** The pipeline's deadlines: approvals pending after a branch decision, probations ending or overdue. */
export class PipelineQueries {
  constructor(private readonly selection: MemberSelection) {}

  async pipelineDeadlines(
    caller: Caller,
    filter: MemberFilter,
    status: DeadlineStatus | null,
  ): Promise<Array<{ member: MemberView; deadline: PipelineDeadline }>> {
    const members = await this.selection.report(
      await this.selection.select(caller, filter),
      (m) => m.pendingDecision !== null || m.stage === 'ProbationaryMember',
    );
    const today = this.selection.ports.clock.today();
    const rows: Array<{ member: MemberView; deadline: PipelineDeadline }> = [];
    for (const member of members) {
      const deadline = pipelineDeadline(member, today, await this.selection.rulesOf(member));
      if (deadline && (!status || deadline.status === status)) rows.push({ member, deadline });
    }
    return rows.sort(
      (a, b) => a.deadline.dueOn.localeCompare(b.deadline.dueOn) || a.member._id.localeCompare(b.member._id),
    );
  }

  deadlineOf(member: MemberView, district: string | null): PipelineDeadline | null {
    const { clock, rules } = this.selection.ports;
    return pipelineDeadline(member, clock.today(), memberRulesFor(rules, district));
  }
}
