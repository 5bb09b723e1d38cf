import { violation } from './errors';
import { type IsoDate, type Person } from './model';
import { type OrganizationRules } from './rules';

/** 三会一课, 主题党日, 组织生活会. */
export const MEETING_TYPES = [
  'MembersMeeting',
  'CommitteeMeeting',
  'PartyGroupMeeting',
  'PartyLesson',
  'ThemeDay',
  'AnnualReviewMeeting',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];
export type Cadence = 'Monthly' | 'Quarterly' | 'Yearly';

export interface Resolution {
  readonly text: string;
  readonly inFavour: number;
  readonly against: number;
  readonly abstained: number;
}

export interface Absentee {
  readonly memberId: string;
  /**
   * Why they were absent (病假 is a health fact): sealed to the member's key, which only the members service can
   * open, and nobody once the member's personal data is erased (ADR 0010). Null when none was given, or recorded
   * before v2 of MeetingRecorded.
   */
  readonly reason: string | null;
}

export interface MeetingRecord {
  readonly meetingId: string;
  readonly organizationId: string;
  readonly meetingType: MeetingType;
  readonly heldOn: IsoDate;
  readonly host: Person;
  readonly recorder: Person;
  readonly attendeeIds: readonly string[];
  readonly absentees: readonly Absentee[];
  readonly topics: readonly string[];
  readonly resolutions: readonly Resolution[];
}

export type MeetingEvent = { type: 'MeetingRecorded'; data: MeetingRecord };
export type MeetingState = MeetingRecord | null;

export interface RecordMeeting {
  readonly kind: 'RecordMeeting';
  readonly meeting: MeetingRecord;
  /** The recording organization: it must be active and have existed on the meeting day. */
  readonly organization: { readonly status: string; readonly establishedOn: IsoDate };
  readonly today: IsoDate;
}

export const evolveMeeting = (_state: MeetingState, event: MeetingEvent): MeetingState => event.data;

/** A meeting is recorded once; attendance reaches the members service through the event. */
export function decideMeeting(command: RecordMeeting, state: MeetingState): MeetingEvent[] {
  const m = command.meeting;
  if (state) violation('MEETING_ALREADY_RECORDED', `meeting ${m.meetingId} is already recorded`, 'meetingId');
  if (command.organization.status !== 'active')
    violation('ORGANIZATION_NOT_ACTIVE', `the organization is ${command.organization.status}`, 'organizationId');
  if (m.heldOn > command.today) violation('DATE_IN_FUTURE', "a meeting can't be recorded before it is held", 'heldOn');
  if (m.heldOn < command.organization.establishedOn)
    violation('DATE_BEFORE_LAST_CHANGE', 'the meeting is dated before the organization was established', 'heldOn');
  const attendees = new Set(m.attendeeIds);
  if (attendees.size !== m.attendeeIds.length)
    violation('MEETING_INVALID', 'an attendee is listed twice', 'attendeeIds');
  const both = m.absentees.find((a) => attendees.has(a.memberId));
  if (both) violation('MEETING_INVALID', `member ${both.memberId} is listed as attending and absent`, 'absentees');
  m.resolutions.forEach((r, i) => {
    if (r.inFavour + r.against + r.abstained > attendees.size) {
      violation(
        'MEETING_INVALID',
        `resolution ${i + 1} has more votes than the ${attendees.size} attendees`,
        `resolutions.${i}`,
      );
    }
  });
  return [
    {
      type: 'MeetingRecorded',
      data: {
        ...m,
        attendeeIds: [...m.attendeeIds],
        absentees: [...m.absentees],
        topics: [...m.topics],
        resolutions: [...m.resolutions],
      },
    },
  ];
}

export interface CadenceFacts {
  /** Meetings of the branch and of its party groups. */
  readonly meetings: ReadonlyArray<{ readonly meetingType: MeetingType; readonly heldOn: IsoDate }>;
  /** A branch committee exists (elected leadership with committee members): committee meetings are due. */
  readonly hasCommittee: boolean;
  /** The branch has party groups: party group meetings are due. */
  readonly hasPartyGroups: boolean;
}

export interface CadenceRequirement {
  readonly meetingType: MeetingType;
  readonly cadence: Cadence;
  /** `2026-11`, `2026-Q4` or `2026`. */
  readonly period: string;
  readonly held: number;
  readonly missing: boolean;
}

export function periodOf(date: IsoDate, cadence: Cadence): string {
  const year = date.slice(0, 4);
  if (cadence === 'Yearly') return year;
  if (cadence === 'Quarterly') return `${year}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
  return date.slice(0, 7);
}

/**
 * Cadence compliance (三会一课 etc.) of a branch for the month, quarter and year containing `asOf`: each required
 * meeting type, how many were held in its current period, and whether it is still missing.
 */
export function meetingCadence(facts: CadenceFacts, asOf: IsoDate, rules: OrganizationRules): CadenceRequirement[] {
  return MEETING_TYPES.flatMap((meetingType) => {
    const cadence = rules.meetingCadence[meetingType];
    if (!cadence) return [];
    if (meetingType === 'CommitteeMeeting' && !facts.hasCommittee) return [];
    if (meetingType === 'PartyGroupMeeting' && !facts.hasPartyGroups) return [];
    const period = periodOf(asOf, cadence);
    const held = facts.meetings.filter(
      (m) => m.meetingType === meetingType && m.heldOn <= asOf && periodOf(m.heldOn, cadence) === period,
    ).length;
    return [{ meetingType, cadence, period, held, missing: held === 0 }];
  });
}
