import { type ScopedTarget } from '@lianjian/auth';
import { type IsoDate, type ProtectedData, type RecordedMeeting, type TransferStatus } from '@lianjian/members-domain';
import {
  type AttendanceView,
  type ImportJob,
  type ImportLineError,
  type MemberKey,
  type MemberProjectActivity,
  type MemberProjectSignIn,
  type MemberView,
  type OrganizationRef,
  type PersonalDataAuditEntry,
  type TransferView,
} from './read-models';

/*
 * What the application layer reads and writes besides the event store (`EventStore` from @lianjian/event-store):
 * one small interface per read model or store, each with a MongoDB implementation in infrastructure/
 * (mongo-read-models.ts, organization.directory.ts) and an in-memory one for unit tests (testing/in-memory-ports.ts).
 */

/** The organizations as the members service learned them from the organizations service's events. */
export interface OrganizationLookup {
  get(id: string): Promise<OrganizationRef | null>;
  /** The ids from the root down to the organization (itself last). */
  path(id: string): Promise<string[]>;
  scopeOf(id: string): Promise<ScopedTarget>;
  subtreeIds(rootId: string): Promise<string[]>;
  allIds(): Promise<string[]>;
  idsInDistrict(district: string): Promise<string[]>;
}

/** The members read model (the streams folded by the projection), by exact key. */
export interface MemberReadModel {
  get(memberId: string): Promise<MemberView | null>;
  /** The members found, in the order of the ids asked for. */
  byIds(memberIds: readonly string[]): Promise<MemberView[]>;
}

/** A member whose state the projection changed: the document it replaces (null: new) and the one it writes. */
export interface MemberStateChange {
  readonly before: MemberView | null;
  readonly after: MemberView;
}

/** What the member state projection writes: the members read model, and the rosters that follow it. */
export interface MemberStateWriter {
  /**
   * Saves the members' new documents, and moves each one's roster entry from `before` to `after`. Idempotent: a
   * batch saved again (after a crash between the rosters and the members) writes the same thing.
   */
  save(changes: readonly MemberStateChange[]): Promise<void>;
}

/** One member on an organization's roster, as the roster keeps them. */
export interface RosterEntry {
  readonly memberId: string;
  readonly organizationId: string;
  readonly stage: string;
  readonly status: string;
}

/** Who is on each organization's roster. */
export interface RosterReadModel {
  entries(organizationIds: readonly string[]): Promise<RosterEntry[]>;
}

/** The read models have applied every commit this process appended (before reading other members from them). */
export interface OwnWrites {
  reachOwnWrites(): Promise<void>;
}

/**
 * The meetings the organizations service recorded (`MeetingRecorded`), by id, as much as a decision's vote needs:
 * attendees and each resolution's counts (its text is not kept: it may name people).
 */
export interface MeetingRecordReadModel {
  get(meetingId: string): Promise<RecordedMeeting | null>;
}

/** What the attendance projection writes of each meeting: its record (a replayed meeting writes the same). */
export interface MeetingRecordWriter {
  saveMeeting(record: RecordedMeeting): Promise<void>;
}

/** Members' meetings, from the organizations service's MeetingRecorded events. */
export interface AttendanceReadModel {
  lastMeetingOn(memberId: string): Promise<IsoDate | null>;
  lastMeetingsOf(memberIds: readonly string[]): Promise<Map<string, IsoDate>>;
  /** The member's meetings, latest first (at most 500). */
  meetingsOf(memberId: string): Promise<AttendanceView[]>;
}

/** What the attendance projection writes: meeting rows and each member's last organizational life. */
export interface AttendanceWriter {
  /** Saves each row by its id (a replayed meeting writes the same rows again). */
  saveAttendance(rows: readonly AttendanceView[]): Promise<void>;
  /** Moves each member's last meeting forward to `heldOn`, never back. */
  recordAttended(memberIds: readonly string[], heldOn: IsoDate): Promise<void>;
}

/** Members' co-building project activity (区域化党建), from the projects service's ProjectSignedIn events. */
export interface ProjectActivityReadModel {
  /** Each member's activity, by member id (members without a sign-in are absent). */
  activityOf(memberIds: readonly string[]): Promise<Map<string, MemberProjectActivity>>;
}

/** What the project sign-in projection writes: the sign-in by its key, then the member's activity recounted. */
export interface ProjectSignInWriter {
  /**
   * Records the sign-in (a redelivered one writes nothing new) and brings the member's activity to its sign-ins
   * counted and its latest day, never back: a redelivery, or two sign-ins of one member projected at once, count
   * each sign-in once.
   */
  recordSignIn(signIn: MemberProjectSignIn): Promise<void>;
}

/** A citizen ID number's reservation, keyed by its blind index. */
export interface CitizenIdHolder {
  readonly memberId: string;
  readonly importId: string | null;
  readonly reservedAt: Date;
}

/** City-wide uniqueness of citizen ID numbers: one reservation per blind index. */
export interface CitizenIdRegistry {
  /** Reserves each blind index for its member; returns the reservations that were already there, by blind index. */
  reserve(
    candidates: ReadonlyArray<{ readonly memberId: string; readonly blindIndex: string }>,
    importId: string | null,
  ): Promise<Map<string, CitizenIdHolder>>;
  /** Passes a reservation still held by `fromMemberId` to `toMemberId`; false when it is no longer theirs. */
  takeOver(blindIndex: string, fromMemberId: string, toMemberId: string): Promise<boolean>;
  /** Releases the reservation if `memberId` still holds it. */
  release(blindIndex: string, memberId: string): Promise<void>;
}

/** The members' wrapped data keys (crypto-shredding deletes one). */
export interface MemberKeyStore {
  /** Stores a new key; false when the member already has one. */
  insert(key: MemberKey): Promise<boolean>;
  insertMany(keys: readonly MemberKey[]): Promise<void>;
  get(memberId: string): Promise<MemberKey | null>;
  delete(memberId: string): Promise<void>;
}

export interface PersonalData {
  /** Null for a member registered before names were encrypted (MemberRegistered v1, upcast). */
  readonly name: string | null;
  readonly idNumber: string;
  readonly phone: string | null;
}

/**
 * The fields a text sealed to a member is bound to: its own reasons, absence reasons from meeting records, and what
 * mobility and community registrations record about them (a contact; the community's words on a service, feedback).
 */
export type SealedField = 'reason' | 'absenceReason' | 'mobilityContact' | 'communityService' | 'communityFeedback';

/** Envelope encryption of personal data: blind index, per-member keys, sealing, revealing and shredding. */
export interface PersonalDataProtection {
  blindIndex(idNumber: string): string;
  keyFor(memberId: string): Promise<{ keyId: string; key: Buffer }>;
  newKeysFor(memberIds: readonly string[]): Promise<Map<string, { keyId: string; key: Buffer }>>;
  protect(memberId: string, key: { keyId: string; key: Buffer }, data: PersonalData): ProtectedData;
  reveal(memberId: string, data: ProtectedData): Promise<PersonalData | null>;
  /** Seals a free text about the member (a reason) to their key, bound to the field; null once the key is gone. */
  sealFor(memberId: string, field: SealedField, text: string): Promise<string | null>;
  /** Opens a text sealed to the member, here or by another service (`sealForMember`); null once the key is gone. */
  openFor(memberId: string, field: SealedField, sealed: string): Promise<string | null>;
  destroy(memberId: string): Promise<void>;
}

/** Who revealed which member's personal data, when. */
export interface PersonalDataAuditLog {
  record(entry: PersonalDataAuditEntry): Promise<void>;
  /** The member's entries, oldest first (at most 1,000). */
  of(memberId: string): Promise<PersonalDataAuditEntry[]>;
}

/** What one chunk of an import did. */
export interface ImportChunkResult {
  readonly lastLine: number;
  readonly rows: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly failed: number;
  readonly errors: readonly ImportLineError[];
}

/** Import jobs: the progress of each CSV import (its checkpoint), for resuming and reporting. */
export interface ImportJobStore {
  /** Creates the job, or counts one more run of the existing one; returns the job as it now is. */
  start(fresh: ImportJob): Promise<ImportJob>;
  /** Adds a chunk's counts and errors (the first `maxErrors` kept) unless a run already went past its last line. */
  recordChunk(importId: string, chunk: ImportChunkResult, maxErrors: number): Promise<void>;
  /** Marks the job completed and returns it. */
  complete(importId: string): Promise<ImportJob>;
}

/** A record of a CSV file, with the line it starts on (1-based: the header is line 1). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

/** A line the CSV parser could not read (a quote opened and never closed), with its reason. */
export interface CsvMalformedLine {
  readonly line: number;
  readonly malformed: string;
}

export type CsvLine = CsvRecord | CsvMalformedLine;

export const isMalformed = (line: CsvLine): line is CsvMalformedLine => 'malformed' in line;

/** Reads a CSV file as the import consumes it, line by line (infrastructure/csv-lines.ts, with csv-parse). */
export type CsvReader = (text: string) => AsyncGenerator<CsvLine>;

/** Which transfers a list selects (every field given must match; organizations and districts as sets). */
export interface TransferSelector {
  readonly fromOrganizationIds?: readonly string[];
  readonly toOrganizationIds?: readonly string[];
  readonly fromDistrict?: string;
  readonly toDistrict?: string;
  readonly nextApproverIds?: readonly string[];
  readonly memberId?: string;
  readonly statuses?: readonly TransferStatus[];
  /** The letter's last valid day on or before this day. */
  readonly validUntilTo?: IsoDate;
  readonly validUntilFrom?: IsoDate;
  /** The member was expected to report before this day. */
  readonly expectedReportBefore?: IsoDate;
}

/** The transfers read model (transfer streams folded by the projection). */
export interface TransferReadModel {
  get(transferId: string): Promise<TransferView | null>;
  /** One page in id order after `afterId`, and how many the selection holds. */
  page(
    selector: TransferSelector,
    first: number,
    afterId: string | null,
  ): Promise<{ items: TransferView[]; hasNextPage: boolean; totalCount: number }>;
  /**
   * The first page of each organization's transfers on one side, in one round trip (Organization.incomingTransfers
   * for a page of organizations): per organization, its first `first` in id order and how many it holds.
   */
  firstPagesBySide(
    side: 'fromOrganizationId' | 'toOrganizationId' | 'nextApproverId',
    organizationIds: readonly string[],
    selector: TransferSelector,
    first: number,
  ): Promise<Map<string, { items: TransferView[]; hasNextPage: boolean; totalCount: number }>>;
  /** Transfers of several members at once (Member.transfers), newest first per member. */
  ofMembers(memberIds: readonly string[]): Promise<TransferView[]>;
  /**
   * Letters past their validity not yet expired, in (last valid day, id) order after `after`; and accepted transfers
   * whose member has not landed yet.
   */
  pastValidity(today: IsoDate, limit: number, after?: TransferView | null): Promise<TransferView[]>;
  acceptedNotLanded(limit: number): Promise<TransferView[]>;
  markLanded(transferId: string): Promise<void>;
}

/** What the transfer projection writes: each transfer's folded state (a replayed batch writes the same). */
export interface TransferWriter {
  byIds(transferIds: readonly string[]): Promise<TransferView[]>;
  save(views: readonly TransferView[]): Promise<void>;
}

/**
 * One transfer under way per member: a reservation keyed by the member, naming the transfer that holds it. A new
 * transfer takes it over from one that closed (or never got written: a crash between the reservation and the append).
 */
export interface TransferReservations {
  /** Reserves the member for the transfer; the transfer already holding it when there is one. */
  reserve(memberId: string, transferId: string): Promise<string | null>;
  /** Passes the reservation from `fromTransferId` to `toTransferId`; false when it is no longer the former's. */
  takeOver(memberId: string, fromTransferId: string, toTransferId: string): Promise<boolean>;
}
