import { exampleMessage } from '@lianjian/contracts';
import { type IntegrationEnvelope } from '@lianjian/messaging';
import { ORGANIZATIONS_EVENTS } from '@lianjian/organizations-contracts';
import { InMemoryAttendance, InMemoryMeetingRecords } from '../testing/in-memory-ports';
import { AttendanceProjection } from './attendance.projection';

// The attendance projection on an in-memory read model: what a MeetingRecorded event writes, idempotently.
const meeting = (data: Record<string, unknown>): IntegrationEnvelope => {
  const example = exampleMessage(
    ORGANIZATIONS_EVENTS.find((m) => m.type === 'MeetingRecorded')!,
    'organizations',
  ) as unknown as IntegrationEnvelope;
  return { ...example, data: { ...example.data, ...data } };
};

describe('attendance projection (in-memory read model)', () => {
  it("writes a row per attendee and absentee, and moves each attendee's last meeting forward only", async () => {
    const attendance = new InMemoryAttendance();
    const records = new InMemoryMeetingRecords();
    const projection = new AttendanceProjection(attendance, records);
    const june = meeting({
      meetingId: 'meet-june',
      heldOn: '2026-06-01',
      attendeeIds: ['m-1', 'm-2'],
      absentees: [{ memberId: 'm-3', reason: 'v1.ZXBo.dGFn.ZGF0YQ' }],
    });
    await projection.handle(june);
    await projection.handle(june); // redelivered: the same rows
    await projection.handle(
      meeting({ meetingId: 'meet-may', heldOn: '2026-05-01', attendeeIds: ['m-1', 'm-3'], absentees: [] }),
    );

    expect(await attendance.meetingsOf('m-1')).toMatchObject([
      { _id: 'meet-june:m-1', meetingId: 'meet-june', heldOn: '2026-06-01', attended: true, absenceReason: null },
      { _id: 'meet-may:m-1', heldOn: '2026-05-01', attended: true },
    ]);
    expect(await attendance.meetingsOf('m-3')).toMatchObject([
      { meetingId: 'meet-june', attended: false, absenceReason: 'v1.ZXBo.dGFn.ZGF0YQ' },
      { meetingId: 'meet-may', attended: true },
    ]);
    expect(attendance.meetings.size).toBe(5);
    expect(await attendance.lastMeetingOn('m-1')).toBe('2026-06-01'); // the May meeting arrived later: not back
    expect(await attendance.lastMeetingOn('m-3')).toBe('2026-05-01'); // absent in June
    expect(await attendance.lastMeetingOn('m-4')).toBeNull();
    // the meeting's record, for the votes of decisions: attendees and counts, no text
    expect(await records.get('meet-june')).toEqual({
      meetingId: 'meet-june',
      organizationId: june.data['organizationId'],
      meetingType: june.data['meetingType'],
      heldOn: '2026-06-01',
      attendeeIds: ['m-1', 'm-2'],
      resolutions: (june.data['resolutions'] as Array<Record<string, unknown>>).map(
        ({ text: _text, ...counts }) => counts,
      ),
    });
  });

  it('writes no attendance for a meeting without it (only its record), nothing for other event types', async () => {
    const attendance = new InMemoryAttendance();
    const records = new InMemoryMeetingRecords();
    const projection = new AttendanceProjection(attendance, records);
    await projection.handle(meeting({ attendeeIds: [], absentees: [] }));
    const other = ORGANIZATIONS_EVENTS.find((m) => m.type !== 'MeetingRecorded')!;
    await projection.handle(exampleMessage(other, 'organizations') as unknown as IntegrationEnvelope);
    expect(attendance.meetings.size).toBe(0);
    expect(attendance.lastMeetings.size).toBe(0);
    expect(records.records.size).toBe(1);
  });
});
