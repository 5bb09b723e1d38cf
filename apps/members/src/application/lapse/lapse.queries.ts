import { type Caller } from '@lianjian/auth';
import { type LapseReason, isSuspensionCandidate, lapseReasons } from '@lianjian/members-domain';
import { type AttendanceView, type MemberView } from '../read-models';
import { type AttendanceReadModel } from '../ports';
import { type MemberFilter, type MemberSelection } from '../queries-support';

/** Organizational life as read: a member's meetings, lapse candidates (自行脱党) and suspension candidates. */
export class LapseQueries {
  constructor(
    private readonly selection: MemberSelection,
    private readonly meetings: AttendanceReadModel,
  ) {}

  attendance(member: MemberView): Promise<AttendanceView[]> {
    return this.meetings.meetingsOf(member._id);
  }

  lastMeetingOn(member: MemberView): Promise<string | null> {
    return this.meetings.lastMeetingOn(member._id);
  }

  async lapseCandidates(
    caller: Caller,
    filter: MemberFilter,
  ): Promise<Array<{ member: MemberView; reasons: LapseReason[] }>> {
    const inGoodStanding = (await this.selection.select(caller, filter)).filter(
      (e) =>
        ['Normal', 'Restored', 'Retained'].includes(e.status) && ['ProbationaryMember', 'FullMember'].includes(e.stage),
    );
    const members = await this.selection.report(inGoodStanding, () => true);
    const activity = await this.meetings.lastMeetingsOf(members.map((m) => m._id));
    const today = this.selection.ports.clock.today();
    const rows: Array<{ member: MemberView; reasons: LapseReason[] }> = [];
    for (const member of members) {
      const reasons = lapseReasons(
        member,
        activity.get(member._id) ?? null,
        today,
        await this.selection.rulesOf(member),
      );
      if (reasons.length) rows.push({ member, reasons });
    }
    return rows;
  }

  async suspensionCandidates(caller: Caller, filter: MemberFilter): Promise<MemberView[]> {
    const members = await this.selection.report(
      await this.selection.select(caller, filter),
      (m) => m.lostContactSince !== null,
    );
    const today = this.selection.ports.clock.today();
    const rows: MemberView[] = [];
    for (const m of members) if (isSuspensionCandidate(m, today, await this.selection.rulesOf(m))) rows.push(m);
    return rows;
  }
}
