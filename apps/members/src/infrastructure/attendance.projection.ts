import { type IntegrationEnvelope, decodeOrPoison } from '@lianjian/messaging';
import { decodeOrganizationsMessage } from '@lianjian/organizations-contracts';
import { type AttendanceWriter, type MeetingRecordWriter } from '../application/ports';
import { type AttendanceView } from './views';

/**
 * Attendance reaches the members service as the organizations service's `MeetingRecorded` events: one row per
 * member and meeting (idempotent by id), and each member's last organizational life (feeds the lapse rule). Each
 * event is decoded with the organizations service's published schema: one that fails it is poison (`invalid`).
 */
export class AttendanceProjection {
  constructor(
    private readonly attendance: AttendanceWriter,
    /** The meeting's record (no text, no reasons): a decision's vote on a member reads it (branch members' meetings). */
    private readonly meetings: MeetingRecordWriter,
  ) {}

  async handle(envelope: IntegrationEnvelope): Promise<void> {
    const message = decodeOrPoison(decodeOrganizationsMessage, envelope);
    if (message?.type !== 'MeetingRecorded') return;
    const m = message.data;
    await this.meetings.saveMeeting({
      meetingId: m.meetingId,
      organizationId: m.organizationId,
      meetingType: m.meetingType,
      heldOn: m.heldOn,
      attendeeIds: [...m.attendeeIds],
      resolutions: m.resolutions.map((r) => ({ inFavour: r.inFavour, against: r.against, abstained: r.abstained })),
    });
    const row = (memberId: string, attended: boolean, reason: string | null): AttendanceView => ({
      _id: `${m.meetingId}:${memberId}`,
      memberId,
      meetingId: m.meetingId,
      organizationId: m.organizationId,
      meetingType: m.meetingType,
      heldOn: m.heldOn,
      attended,
      absenceReason: reason,
    });
    const rows = [
      ...m.attendeeIds.map((id) => row(id, true, null)),
      ...m.absentees.map((a) => row(a.memberId, false, a.reason)),
    ];
    if (rows.length === 0) return;
    await this.attendance.saveAttendance(rows);
    await this.attendance.recordAttended(m.attendeeIds, m.heldOn);
  }
}
