import DataLoader from 'dataloader';
import { type Collection, MongoBulkWriteError } from 'mongodb';
import { isDuplicateKeyError } from '@lianjian/event-store';
import { type IsoDate, type RecordedMeeting } from '@lianjian/members-domain';
import {
  type AttendanceReadModel,
  type AttendanceWriter,
  type MeetingRecordReadModel,
  type MeetingRecordWriter,
  type CitizenIdHolder,
  type CitizenIdRegistry,
  type ImportChunkResult,
  type ImportJobStore,
  type MemberKeyStore,
  type MemberReadModel,
  type MemberStateChange,
  type MemberStateWriter,
  type PersonalDataAuditLog,
  type ProjectActivityReadModel,
  type ProjectSignInWriter,
  type RosterEntry,
  type RosterReadModel,
} from '../application/ports';
import { membersByIds, rosterChanges, rosterEntries } from './rosters';
import { MongoTransferReservations, MongoTransferViews } from './transfer-views';
import {
  type AttendanceView,
  type MeetingRecordView,
  type CitizenIdReservation,
  type ImportJob,
  type MemberActivity,
  type MemberKey,
  type MemberProjectActivity,
  type MemberProjectSignIn,
  type MemberView,
  type PersonalDataAuditEntry,
  type Views,
} from './views';

/** The application's read-model ports on the service's MongoDB collections (views.ts), every read by exact key. */
export class MongoMemberReadModel implements MemberReadModel, MemberStateWriter {
  constructor(
    private readonly members: Collection<MemberView>,
    private readonly rosters: Views['rosters'],
  ) {}

  get(memberId: string): Promise<MemberView | null> {
    return this.members.findOne({ _id: memberId });
  }

  byIds(memberIds: readonly string[]): Promise<MemberView[]> {
    return membersByIds(this.members, memberIds);
  }

  /** One bulk write of the rosters, then one of the members: a crash in between repeats the batch, rosters too. */
  async save(changes: readonly MemberStateChange[]): Promise<void> {
    const rosters = rosterChanges(changes.map(({ before, after }) => ({ id: after._id, before, after })));
    if (rosters.length) await this.rosters.bulkWrite(rosters, { ordered: false });
    await this.members.bulkWrite(
      changes.map(({ after }) => ({ replaceOne: { filter: { _id: after._id }, replacement: after, upsert: true } })),
      { ordered: false },
    );
  }
}

export class MongoRosterReadModel implements RosterReadModel {
  constructor(private readonly rosters: Views['rosters']) {}

  entries(organizationIds: readonly string[]): Promise<RosterEntry[]> {
    return rosterEntries(this.rosters, organizationIds);
  }
}

export class MongoMeetingRecords implements MeetingRecordReadModel, MeetingRecordWriter {
  constructor(private readonly meetings: Collection<MeetingRecordView>) {}

  async get(meetingId: string): Promise<RecordedMeeting | null> {
    const found = await this.meetings.findOne({ _id: meetingId });
    if (!found) return null;
    const { _id, ...record } = found;
    return record;
  }

  async saveMeeting(record: RecordedMeeting): Promise<void> {
    await this.meetings.replaceOne({ _id: record.meetingId }, record, { upsert: true });
  }
}

export class MongoAttendanceReadModel implements AttendanceReadModel, AttendanceWriter {
  constructor(
    private readonly attendance: Collection<AttendanceView>,
    private readonly activity: Collection<MemberActivity>,
  ) {}

  async lastMeetingOn(memberId: string): Promise<IsoDate | null> {
    return (await this.activity.findOne({ _id: memberId }))?.lastMeetingOn ?? null;
  }

  async lastMeetingsOf(memberIds: readonly string[]): Promise<Map<string, IsoDate>> {
    const found = await this.activity.find({ _id: { $in: [...memberIds] } }).toArray();
    return new Map(found.map((a) => [a._id, a.lastMeetingOn]));
  }

  meetingsOf(memberId: string): Promise<AttendanceView[]> {
    return this.attendance.find({ memberId }).sort({ heldOn: -1 }).limit(500).toArray();
  }

  async saveAttendance(rows: readonly AttendanceView[]): Promise<void> {
    if (rows.length === 0) return;
    await this.attendance.bulkWrite(
      rows.map((r) => ({ replaceOne: { filter: { _id: r._id }, replacement: r, upsert: true } })),
      { ordered: false },
    );
  }

  async recordAttended(memberIds: readonly string[], heldOn: IsoDate): Promise<void> {
    if (memberIds.length === 0) return;
    await this.activity.bulkWrite(
      memberIds.map((id) => ({
        updateOne: { filter: { _id: id }, update: { $max: { lastMeetingOn: heldOn } }, upsert: true },
      })),
      { ordered: false },
    );
  }
}

/**
 * Members' co-building project activity: the sign-in written by its key, then the member's count taken from the
 * sign-ins themselves and raised to it (`$max`: counts only grow), so neither a redelivery nor a crash between the
 * two writes nor two sign-ins of one member projected at once miscount.
 */
export class MongoProjectActivity implements ProjectActivityReadModel, ProjectSignInWriter {
  constructor(
    private readonly signIns: Collection<MemberProjectSignIn>,
    private readonly activity: Collection<MemberProjectActivity>,
  ) {}

  async activityOf(memberIds: readonly string[]): Promise<Map<string, MemberProjectActivity>> {
    if (memberIds.length === 0) return new Map();
    const found = await this.activity.find({ _id: { $in: [...memberIds] } }).toArray();
    return new Map(found.map((a) => [a._id, a]));
  }

  async recordSignIn(signIn: MemberProjectSignIn): Promise<void> {
    const { _id, ...row } = signIn; // the filter's _id is the inserted document's
    try {
      await this.signIns.updateOne({ _id }, { $setOnInsert: row }, { upsert: true });
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e; // written by a redelivery projected at the same moment
    }
    const signIns = await this.signIns.countDocuments({ memberId: signIn.memberId });
    const raise = () =>
      this.activity.updateOne({ _id: signIn.memberId }, { $max: { signIns, lastOn: signIn.on } }, { upsert: true });
    try {
      await raise();
    } catch (e) {
      // two first sign-ins of a member upserted at once: the one that lost the insert raises the other's document
      if (!isDuplicateKeyError(e)) throw e;
      await raise();
    }
  }
}

export class MongoCitizenIdRegistry implements CitizenIdRegistry {
  constructor(private readonly citizenIds: Collection<CitizenIdReservation>) {}

  async reserve(
    candidates: ReadonlyArray<{ readonly memberId: string; readonly blindIndex: string }>,
    importId: string | null,
  ): Promise<Map<string, CitizenIdHolder>> {
    const taken = new Map<string, CitizenIdHolder>();
    if (candidates.length === 0) return taken;
    const failed: string[] = [];
    try {
      await this.citizenIds.insertMany(
        candidates.map((c) => ({ _id: c.blindIndex, memberId: c.memberId, reservedAt: new Date(), importId })),
        { ordered: false },
      );
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      for (const e of [error.writeErrors].flat()) {
        if (e.code !== 11000) throw error;
        failed.push(candidates[e.index]!.blindIndex);
      }
    }
    if (failed.length)
      for (const doc of await this.citizenIds.find({ _id: { $in: failed } }).toArray()) taken.set(doc._id, doc);
    return taken;
  }

  async takeOver(blindIndex: string, fromMemberId: string, toMemberId: string): Promise<boolean> {
    const taken = await this.citizenIds.updateOne(
      { _id: blindIndex, memberId: fromMemberId },
      { $set: { memberId: toMemberId, reservedAt: new Date() } },
    );
    return taken.modifiedCount === 1;
  }

  async release(blindIndex: string, memberId: string): Promise<void> {
    await this.citizenIds.deleteOne({ _id: blindIndex, memberId });
  }
}

export class MongoMemberKeyStore implements MemberKeyStore {
  /**
   * The key lookups of one tick in one query: a page of 50 members shows 50 names, each opened with its member's key.
   * Batching only, never a cache: a key destroyed (erased) a moment ago is not found by the next lookup.
   */
  private readonly lookups = new DataLoader<string, MemberKey | null>(
    async (memberIds) => {
      const found = new Map((await this.keys.find({ _id: { $in: [...memberIds] } }).toArray()).map((k) => [k._id, k]));
      return memberIds.map((id) => found.get(id) ?? null);
    },
    { cache: false, maxBatchSize: 500 },
  );

  constructor(private readonly keys: Collection<MemberKey>) {}

  async insert(key: MemberKey): Promise<boolean> {
    try {
      await this.keys.insertOne(key);
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return false;
    }
  }

  async insertMany(keys: readonly MemberKey[]): Promise<void> {
    if (keys.length) await this.keys.insertMany([...keys], { ordered: false });
  }

  get(memberId: string): Promise<MemberKey | null> {
    return this.lookups.load(memberId);
  }

  async delete(memberId: string): Promise<void> {
    await this.keys.deleteOne({ _id: memberId });
  }
}

export class MongoPersonalDataAuditLog implements PersonalDataAuditLog {
  constructor(private readonly audit: Collection<PersonalDataAuditEntry>) {}

  async record(entry: PersonalDataAuditEntry): Promise<void> {
    await this.audit.insertOne(entry);
  }

  of(memberId: string): Promise<PersonalDataAuditEntry[]> {
    return this.audit.find({ memberId }).sort({ at: 1 }).limit(1000).toArray();
  }
}

export class MongoImportJobStore implements ImportJobStore {
  constructor(private readonly imports: Collection<ImportJob>) {}

  async start(fresh: ImportJob): Promise<ImportJob> {
    try {
      await this.imports.insertOne(fresh);
      return fresh;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const existing = await this.imports.findOneAndUpdate(
      { _id: fresh._id },
      { $inc: { runs: 1 } },
      { returnDocument: 'after' },
    );
    return existing!;
  }

  async recordChunk(importId: string, chunk: ImportChunkResult, maxErrors: number): Promise<void> {
    await this.imports.updateOne(
      { _id: importId, nextLine: { $lte: chunk.lastLine } },
      {
        $set: { nextLine: chunk.lastLine + 1 },
        $inc: { rows: chunk.rows, imported: chunk.imported, duplicates: chunk.duplicates, failed: chunk.failed },
        $push: { errors: { $each: [...chunk.errors], $slice: maxErrors } },
      },
    );
  }

  async complete(importId: string): Promise<ImportJob> {
    await this.imports.updateOne({ _id: importId }, { $set: { status: 'Completed', finishedAt: new Date() } });
    return (await this.imports.findOne({ _id: importId }))!;
  }
}

/** Every read-model port on the service's collections. */
export function mongoReadModels(v: Views) {
  return {
    members: new MongoMemberReadModel(v.members, v.rosters),
    rosters: new MongoRosterReadModel(v.rosters),
    attendance: new MongoAttendanceReadModel(v.attendance, v.activity),
    projectActivity: new MongoProjectActivity(v.projectSignIns, v.projectActivity),
    meetings: new MongoMeetingRecords(v.meetings),
    citizenIds: new MongoCitizenIdRegistry(v.citizenIds),
    keys: new MongoMemberKeyStore(v.keys),
    audit: new MongoPersonalDataAuditLog(v.audit),
    imports: new MongoImportJobStore(v.imports),
    transfers: new MongoTransferViews(v.transfers),
    transferReservations: new MongoTransferReservations(v.transferReservations),
  };
}

export type ReadModels = ReturnType<typeof mongoReadModels>;
