import { type IsoDate, type Member, type RecordedMeeting, type Transfer } from '@lianjian/members-domain';

/*
 * The read models' documents as the application reads them (the ports in ports.ts return them); infrastructure/views.ts
 * keeps them in MongoDB collections.
 */

/** Current state of a member (the member stream folded), keyed by member id = card number. */
export type MemberView = Member & { readonly _id: string; readonly version: number };

/** An organization as the members service knows it, from the organizations service's events on Kafka. */
export interface OrganizationRef {
  readonly _id: string;
  readonly version: number;
  readonly name: string;
  readonly type: string;
  readonly status: string;
  readonly parentId: string | null;
  readonly district: string | null;
  readonly establishedOn: IsoDate;
}

/** A member's attendance at (or absence from) one meeting, from MeetingRecorded events. */
/** A meeting's record, as a decision's vote reads it (`RecordedMeeting`), by meeting id. */
export type MeetingRecordView = RecordedMeeting & { readonly _id: string };

export interface AttendanceView {
  readonly _id: string;
  readonly memberId: string;
  readonly meetingId: string;
  readonly organizationId: string;
  readonly meetingType: string;
  readonly heldOn: IsoDate;
  readonly attended: boolean;
  readonly absenceReason: string | null;
}

export interface MemberActivity {
  readonly _id: string;
  readonly lastMeetingOn: IsoDate;
}

/**
 * A party member's sign-in at a co-building project's activity (区域化党建), from the projects service's
 * `ProjectSignedIn`: keyed `<projectId>/<signInId>`, so a redelivered event writes the same row.
 */
export interface MemberProjectSignIn {
  readonly _id: string;
  readonly projectId: string;
  readonly signInId: string;
  readonly memberId: string;
  readonly on: IsoDate;
}

/** What the yearly appraisal reads of a member's co-building projects: sign-ins counted once each, the last one's day. */
export interface MemberProjectActivity {
  /** The member id. */
  readonly _id: string;
  readonly signIns: number;
  readonly lastOn: IsoDate;
}

/** City-wide uniqueness of citizen ID numbers: the blind index (keyed HMAC) is the document id. */
export interface CitizenIdReservation {
  readonly _id: string;
  readonly memberId: string;
  readonly reservedAt: Date;
  /** The import that reserved it, when one did (an interrupted import resumes with the same member). */
  readonly importId: string | null;
}

/** A member's data key, wrapped by the master key. Deleting it erases the member's personal data everywhere. */
export interface MemberKey {
  readonly _id: string;
  readonly keyId: string;
  readonly wrapped: string;
  readonly createdAt: Date;
}

export interface PersonalDataAuditEntry {
  readonly _id: string;
  readonly memberId: string;
  /** `mobilityContact`: the contact of a flow-out or flow-in (phone and address there). */
  readonly field: 'idNumber' | 'phone' | 'mobilityContact';
  readonly actor: string;
  readonly role: string;
  readonly at: Date;
}

export interface ImportLineError {
  readonly line: number;
  /** The input field, and the CSV column it comes from. */
  readonly field: string | null;
  readonly column: string | null;
  readonly reason: string;
}

export interface ImportJob {
  readonly _id: string;
  readonly fileName: string;
  readonly actor: string;
  readonly status: 'Running' | 'Completed';
  /** The next CSV line to read: an interrupted import resumes here. */
  readonly nextLine: number;
  readonly rows: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly failed: number;
  readonly errors: ImportLineError[];
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly runs: number;
}

/**
 * A transfer as its stream folded it (`Transfer`), keyed by transfer id, with what its lists select on: the next
 * approver, the letter's last valid day, and whether the member landed (set by the landing, after the acceptance).
 */
export type TransferView = Transfer & {
  readonly _id: string;
  readonly version: number;
  readonly nextApproverId: string | null;
  readonly validUntil: IsoDate | null;
  /** Set when the member's `MemberTransferred` is appended (the landing completes an accepted transfer). */
  readonly memberLanded?: boolean;
};
