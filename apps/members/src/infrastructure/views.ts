import { type Collection, type Db } from 'mongodb';
import { LEASE_READS } from '@lianjian/messaging';
import { type IsoDate, type Member } from '@lianjian/members-domain';
import { type RosterDocument } from './rosters';

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
  readonly field: 'idNumber' | 'phone';
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

export interface Views {
  readonly members: Collection<MemberView>;
  readonly rosters: Collection<RosterDocument>;
  readonly organizations: Collection<OrganizationRef>;
  readonly attendance: Collection<AttendanceView>;
  readonly activity: Collection<MemberActivity>;
  readonly citizenIds: Collection<CitizenIdReservation>;
  readonly keys: Collection<MemberKey>;
  readonly audit: Collection<PersonalDataAuditEntry>;
  readonly imports: Collection<ImportJob>;
}

export function views(db: Db): Views {
  return {
    members: db.collection<MemberView>('member_views'),
    rosters: db.collection<RosterDocument>('member_rosters'),
    organizations: db.collection<OrganizationRef>('organization_refs'),
    attendance: db.collection<AttendanceView>('member_attendance'),
    activity: db.collection<MemberActivity>('member_activity'),
    citizenIds: db.collection<CitizenIdReservation>('citizen_id_index'),
    keys: db.collection<MemberKey>('member_keys'),
    audit: db.collection<PersonalDataAuditEntry>('personal_data_audit'),
    imports: db.collection<ImportJob>('member_imports'),
  };
}

export async function createViewIndexes(v: Views): Promise<void> {
  await Promise.all([
    v.attendance.createIndex({ memberId: 1, heldOn: 1 }),
    v.audit.createIndex({ memberId: 1, at: 1 }),
  ]);
}

/**
 * Reads that are not exact-key lookups, on purpose, and why. Member lists are not among them: they read the
 * organizations' rosters by exact key (rosters.ts). Every other read of the service is an exact key (checked by the
 * integration suite against the shapes the service sends).
 */
export const LIST_READS: ReadonlyArray<{ collection: string; fields: readonly string[]; reason: string }> = [
  {
    collection: 'member_attendance',
    fields: ['memberId'],
    reason: "a member's meetings (a member page, not a hot path); MongoDB: memberId_1_heldOn_1",
  },
  {
    collection: 'personal_data_audit',
    fields: ['memberId'],
    reason: "a member's audit trail (an admin's review); MongoDB: memberId_1_at_1",
  },
  ...LEASE_READS,
  {
    collection: 'citizen_id_index',
    fields: ['_id', 'memberId'],
    reason: 'compare-and-delete of a refused or erased registration (rare): MongoDB serves it by _id',
  },
];
