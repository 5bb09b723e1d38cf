import { type Collection, type Db } from 'mongodb';
import { LEASE_READS } from '@lianjian/messaging';
import {
  type AttendanceView,
  type CitizenIdReservation,
  type ImportJob,
  type MemberActivity,
  type MeetingRecordView,
  type MemberKey,
  type MemberProjectActivity,
  type MemberProjectSignIn,
  type MemberView,
  type OrganizationRef,
  type PersonalDataAuditEntry,
  type TransferView,
} from '../application/read-models';
import { type RosterDocument } from './rosters';
import { type TransferReservationDocument } from './transfer-views';

/** The documents' types are the application's (application/read-models.ts): the collections below keep them. */
export type {
  AttendanceView,
  CitizenIdReservation,
  ImportJob,
  ImportLineError,
  MeetingRecordView,
  MemberActivity,
  MemberKey,
  MemberProjectActivity,
  MemberProjectSignIn,
  MemberView,
  OrganizationRef,
  PersonalDataAuditEntry,
  TransferView,
} from '../application/read-models';

export interface Views {
  readonly members: Collection<MemberView>;
  readonly rosters: Collection<RosterDocument>;
  readonly organizations: Collection<OrganizationRef>;
  readonly attendance: Collection<AttendanceView>;
  readonly activity: Collection<MemberActivity>;
  /** Each meeting's record (attendees, resolutions' counts), by meeting id: a decision's vote reads it. */
  readonly meetings: Collection<MeetingRecordView>;
  readonly citizenIds: Collection<CitizenIdReservation>;
  readonly keys: Collection<MemberKey>;
  readonly audit: Collection<PersonalDataAuditEntry>;
  readonly imports: Collection<ImportJob>;
  /** Transfers (组织关系转接), each its stream folded, with what their lists select on. */
  readonly transfers: Collection<TransferView>;
  /** One transfer under way per member (the member id is the key). */
  readonly transferReservations: Collection<TransferReservationDocument>;
  /** Members' sign-ins at co-building projects (the projects service's ProjectSignedIn), by `<projectId>/<signInId>`. */
  readonly projectSignIns: Collection<MemberProjectSignIn>;
  /** Each member's co-building project activity (sign-ins counted, the last one's day), by member id. */
  readonly projectActivity: Collection<MemberProjectActivity>;
}

export function views(db: Db): Views {
  return {
    members: db.collection<MemberView>('member_views'),
    rosters: db.collection<RosterDocument>('member_rosters'),
    organizations: db.collection<OrganizationRef>('organization_refs'),
    attendance: db.collection<AttendanceView>('member_attendance'),
    activity: db.collection<MemberActivity>('member_activity'),
    meetings: db.collection<MeetingRecordView>('meeting_records'),
    citizenIds: db.collection<CitizenIdReservation>('citizen_id_index'),
    keys: db.collection<MemberKey>('member_keys'),
    audit: db.collection<PersonalDataAuditEntry>('personal_data_audit'),
    imports: db.collection<ImportJob>('member_imports'),
    transfers: db.collection<TransferView>('transfer_views'),
    transferReservations: db.collection<TransferReservationDocument>('transfer_reservations'),
    projectSignIns: db.collection<MemberProjectSignIn>('member_project_sign_ins'),
    projectActivity: db.collection<MemberProjectActivity>('member_project_activity'),
  };
}

export async function createViewIndexes(v: Views): Promise<void> {
  await Promise.all([
    v.attendance.createIndex({ memberId: 1, heldOn: 1 }),
    v.audit.createIndex({ memberId: 1, at: 1 }),
    v.projectSignIns.createIndex({ memberId: 1, on: 1 }),
    ...TRANSFER_INDEXES.map((keys) => v.transfers.createIndex(keys)),
  ]);
}

/** The transfer lists' indexes: each side by status then id (cursor paging), the approvals waiting, the sweep. */
const TRANSFER_INDEXES = [
  { memberId: 1, initiatedOn: -1 },
  { fromOrganizationId: 1, status: 1, _id: 1 },
  { toOrganizationId: 1, status: 1, _id: 1 },
  { fromDistrict: 1, status: 1, _id: 1 },
  { toDistrict: 1, status: 1, _id: 1 },
  { nextApproverId: 1, _id: 1 },
  { status: 1, validUntil: 1, _id: 1 },
  { status: 1, memberLanded: 1 },
] as const;

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
    collection: 'member_project_sign_ins',
    fields: ['memberId'],
    reason:
      "a member's co-building sign-ins counted after one is recorded (the count survives a redelivery and a crash between the two writes); MongoDB: memberId_1_on_1",
  },
  {
    collection: 'personal_data_audit',
    fields: ['memberId'],
    reason: "a member's audit trail (an admin's review); MongoDB: memberId_1_at_1",
  },
  {
    collection: 'transfer_views',
    fields: ['memberId'],
    reason: "a member's transfers (Member.transfers); MongoDB: memberId_1_initiatedOn_-1",
  },
  {
    collection: 'transfer_views',
    fields: ['*'],
    reason:
      "a branch's or district's transfers by side, state and dates (cursor-paged by id), the deadline sweep (letters past validity) and the landing of accepted transfers: filters that combine, each led by an indexed side or status (TRANSFER_INDEXES)",
  },
  {
    collection: 'transfer_reservations',
    fields: ['_id', 'transferId'],
    reason:
      "compare-and-set takeover of a member's reservation from a closed transfer (rare): MongoDB serves it by _id",
  },
  ...LEASE_READS,
  {
    collection: 'citizen_id_index',
    fields: ['_id', 'memberId'],
    reason: 'compare-and-delete of a refused or erased registration (rare): MongoDB serves it by _id',
  },
];
