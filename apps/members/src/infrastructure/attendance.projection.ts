import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type IntegrationEnvelope } from '@lianjian/messaging';
import { ORGANIZATIONS_TOPICS } from '@lianjian/organizations-contracts';
import { type AttendanceView, type Views } from './views';

interface MeetingRecorded {
  meetingId: string;
  organizationId: string;
  meetingType: string;
  heldOn: string;
  attendeeIds: string[];
  absentees: Array<{ memberId: string; reason: string }>;
}

/**
 * Attendance reaches the members service as the organizations service's `MeetingRecorded` events: one row per
 * member and meeting (idempotent by id), and each member's last organizational life (feeds the lapse rule).
 */
export class AttendanceProjection {
  constructor(private readonly v: Views) {}

  async handle(envelope: IntegrationEnvelope): Promise<void> {
    if (envelope.type !== 'MeetingRecorded') return;
    const m = envelope.data as unknown as MeetingRecorded;
    const row = (memberId: string, attended: boolean, reason: string | null): AttendanceView => ({
      _id: `${m.meetingId}:${memberId}`, memberId, meetingId: m.meetingId, organizationId: m.organizationId, meetingType: m.meetingType, heldOn: m.heldOn, attended, absenceReason: reason,
    });
    const rows = [...m.attendeeIds.map((id) => row(id, true, null)), ...m.absentees.map((a) => row(a.memberId, false, a.reason))];
    if (rows.length === 0) return;
    await this.v.attendance.bulkWrite(rows.map((r) => ({ replaceOne: { filter: { _id: r._id }, replacement: r, upsert: true } })), { ordered: false });
    if (m.attendeeIds.length) {
      await this.v.activity.bulkWrite(m.attendeeIds.map((id) => ({ updateOne: { filter: { _id: id }, update: { $max: { lastMeetingOn: m.heldOn } }, upsert: true } })), { ordered: false });
    }
  }
}

@Controller()
export class AttendanceController {
  constructor(private readonly attendance: AttendanceProjection) {}

  @EventPattern(ORGANIZATIONS_TOPICS.meeting)
  project(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    return this.attendance.handle(envelope);
  }
}
