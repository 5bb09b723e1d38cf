import { type IntegrationEnvelope, decodeOrPoison } from '@lianjian/messaging';
import { decodeOrganizationsMessage } from '@lianjian/organizations-contracts';
import { type AttendanceView, type Views } from './views';

/**
 * Attendance reaches the members service as the organizations service's `MeetingRecorded` events: one row per
 * member and meeting (idempotent by id), and each member's last organizational life (feeds the lapse rule). Each
 * event is decoded with the organizations service's published schema: one that fails it is poison (`invalid`).
 */
export class AttendanceProjection {
  constructor(private readonly v: Views) {}

  async handle(envelope: IntegrationEnvelope): Promise<void> {
    const message = decodeOrPoison(decodeOrganizationsMessage, envelope);
    if (message?.type !== 'MeetingRecorded') return;
    const m = message.data;
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
    await this.v.attendance.bulkWrite(
      rows.map((r) => ({ replaceOne: { filter: { _id: r._id }, replacement: r, upsert: true } })),
      { ordered: false },
    );
    if (m.attendeeIds.length) {
      await this.v.activity.bulkWrite(
        m.attendeeIds.map((id) => ({
          updateOne: { filter: { _id: id }, update: { $max: { lastMeetingOn: m.heldOn } }, upsert: true },
        })),
        { ordered: false },
      );
    }
  }
}
