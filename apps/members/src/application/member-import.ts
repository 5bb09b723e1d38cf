import { createHash } from 'node:crypto';
import { type Caller, canWrite } from '@lianjian/auth';
import { CommitIdReusedError, ExpectedVersion, type MongoEventStore, WrongExpectedVersionError, isDuplicateKeyError } from '@lianjian/event-store';
import { memberStreamId } from '@lianjian/members-contracts';
import {
  BRANCH_TYPES,
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportedMember,
  MemberRuleViolation,
  decideMember,
  memberRulesFor,
  parseCsv,
  readHeader,
  readMemberRow,
  refuse,
  type MemberRulesConfiguration,
} from '@lianjian/members-domain';
import { MongoBulkWriteError } from 'mongodb';
import { type MemberStateProjection } from '../infrastructure/current-state.projection';
import { type OrganizationDirectory } from '../infrastructure/organization-directory';
import { type PersonalDataVault } from '../infrastructure/personal-data-vault';
import { type ImportJob, type ImportLineError, type Views } from '../infrastructure/views';
import { type Clock } from './clock';
import { newMemberId } from './member-commands';

const CHUNK = 500;
const MAX_STORED_ERRORS = 10_000;

export interface ImportReport extends Omit<ImportJob, '_id'> {
  readonly importId: string;
  /** The line this run started from when it resumed an interrupted import; null for a fresh or finished one. */
  readonly resumedFromLine: number | null;
}

interface Row {
  readonly line: number;
  readonly member: ImportedMember;
  readonly blindIndex: string;
  memberId: string;
  district: string | null;
}

/**
 * Bulk import of members from a legacy system's CSV export (layout: docs/members-import.md). The import is
 * identified by the file's SHA-256: a rerun of the same file returns the finished report and creates nothing;
 * an interrupted import resumes at its checkpoint (the next unread line), and rows it had written before the
 * interruption are recognised by their citizen-ID reservation and commit id — never registered twice. A row whose
 * person is already registered (by hand or another file) is reported as a duplicate, not imported again.
 */
export class MemberImport {
  constructor(
    private readonly store: MongoEventStore,
    private readonly v: Views,
    private readonly projection: MemberStateProjection,
    private readonly directory: OrganizationDirectory,
    private readonly vault: PersonalDataVault,
    private readonly rules: MemberRulesConfiguration,
    private readonly clock: Clock,
    private readonly onAppended: () => void,
  ) {}

  async run(caller: Caller, input: { fileName: string; content: string }): Promise<ImportReport> {
    const importId = createHash('sha256').update(input.content, 'utf8').digest('hex');
    const records = parseCsv(input.content);
    const header = records.next();
    if (header.done) refuse('IMPORT_HEADER_INVALID', 'the file is empty', 'content');
    const { index, missing } = readHeader(header.value.fields);
    if (missing.length) refuse('IMPORT_HEADER_INVALID', `the header lacks ${missing.map((c) => IMPORT_COLUMNS[c]).join(', ')}`, 'content');

    const job = await this.job(importId, input.fileName, caller);
    if (job.status === 'Completed') return { ...job, importId, resumedFromLine: null };
    const resumedFromLine = job.nextLine > 2 ? job.nextLine : null;
    const seen = new Map<string, number>();
    let chunk: Array<{ line: number; fields: string[] }> = [];
    for (const record of records) {
      if (record.line < job.nextLine) {
        this.remember(record.fields, index, seen, record.line);
        continue;
      }
      chunk.push(record);
      if (chunk.length === CHUNK) {
        await this.chunk(caller, importId, chunk, index, seen);
        chunk = [];
      }
    }
    if (chunk.length) await this.chunk(caller, importId, chunk, index, seen);
    await this.v.imports.updateOne({ _id: importId }, { $set: { status: 'Completed', finishedAt: new Date() } });
    this.onAppended();
    const done = (await this.v.imports.findOne({ _id: importId }))!;
    return { ...done, importId, resumedFromLine };
  }

  private async job(importId: string, fileName: string, caller: Caller): Promise<ImportJob> {
    const fresh: ImportJob = { _id: importId, fileName, actor: caller.subject, status: 'Running', nextLine: 2, rows: 0, imported: 0, duplicates: 0, failed: 0, errors: [], startedAt: new Date(), finishedAt: null, runs: 1 };
    try {
      await this.v.imports.insertOne(fresh);
      return fresh;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const existing = await this.v.imports.findOneAndUpdate({ _id: importId }, { $inc: { runs: 1 } }, { returnDocument: 'after' });
    return existing!;
  }

  /** Lines before the checkpoint were handled by an earlier run: remember their people for in-file duplicates. */
  private remember(fields: string[], index: ReturnType<typeof readHeader>['index'], seen: Map<string, number>, line: number): void {
    const id = index.idNumber === undefined ? '' : (fields[index.idNumber] ?? '').trim().toUpperCase();
    if (id && !seen.has(id)) seen.set(id, line);
  }

  private async chunk(caller: Caller, importId: string, records: Array<{ line: number; fields: string[] }>, index: ReturnType<typeof readHeader>['index'], seen: Map<string, number>): Promise<void> {
    const today = this.clock.today();
    const errors: ImportLineError[] = [];
    const fail = (line: number, field: ImportColumn | null, reason: string) => errors.push({ line, field, column: field ? IMPORT_COLUMNS[field] : null, reason });
    let duplicates = 0;
    const rows: Row[] = [];
    for (const record of records) {
      const read = readMemberRow(record.fields, index, today);
      if ('problems' in read) {
        for (const p of read.problems) fail(record.line, p.field, p.reason);
        continue;
      }
      const m = read.member;
      const earlier = seen.get(m.idNumber);
      if (earlier !== undefined && earlier !== record.line) {
        fail(record.line, 'idNumber', `the same citizen ID number is on line ${earlier}`);
        continue;
      }
      seen.set(m.idNumber, record.line);
      const branch = await this.directory.get(m.organizationId);
      if (!branch || branch.status !== 'active') {
        fail(record.line, 'organizationId', `no active organization ${m.organizationId}`);
        continue;
      }
      if (!(BRANCH_TYPES as readonly string[]).includes(branch.type)) {
        fail(record.line, 'organizationId', `${branch.name} is a ${branch.type}; members belong to a branch`);
        continue;
      }
      const target = await this.directory.scopeOf(branch._id);
      if (!canWrite(caller, target)) {
        fail(record.line, 'organizationId', `${branch.name} is outside your scope`);
        continue;
      }
      rows.push({ line: record.line, member: m, blindIndex: this.vault.blindIndex(m.idNumber), memberId: newMemberId(), district: target.district });
    }

    // city-wide uniqueness: one reservation per person; ours from an interrupted run are resumed, others are duplicates
    const taken = await this.reserve(importId, rows);
    const fresh: Row[] = [];
    const resumed: Row[] = [];
    let imported = 0;
    for (const row of rows) {
      const existing = taken.get(row.blindIndex);
      if (!existing) fresh.push(row);
      else if (existing.importId === importId) {
        // reserved by an interrupted run of this file: maybe written then, maybe not — the append tells
        row.memberId = existing.memberId;
        resumed.push(row);
      } else duplicates += 1;
    }
    const keys = await this.vault.newKeysFor(fresh.map((r) => r.memberId));
    for (const row of resumed) keys.set(row.memberId, await this.vault.keyFor(row.memberId));
    const toWrite = [...fresh, ...resumed];
    const resumedIds = new Set(resumed.map((r) => r.memberId));
    await Promise.all(toWrite.map(async (row) => {
      const m = row.member;
      try {
        const events = decideMember({
          kind: 'RegisterMember', memberId: row.memberId, organizationId: m.organizationId,
          profile: { name: m.name, gender: m.gender, birthDate: m.birthDate, ethnicity: m.ethnicity, education: m.education, category: m.category, posts: m.posts, unitId: m.unitId },
          protectedData: this.vault.protect(row.memberId, keys.get(row.memberId)!, { idNumber: m.idNumber, phone: m.phone }),
          history: m.history, status: m.status, source: 'Import', monthlyIncome: m.monthlyIncome, today, rules: memberRulesFor(this.rules, row.district),
        }, null);
        const commitId = `import-${importId.slice(0, 32)}-${row.line}`;
        await this.store.append(memberStreamId(row.memberId), ExpectedVersion.noStream, events, { commitId, actor: caller.subject, district: row.district, correlationId: importId, causationId: null });
        imported += 1;
      } catch (error) {
        // written by the interrupted run: the member's stream exists (its ciphertext differs, so not a replay)
        if (resumedIds.has(row.memberId) && (error instanceof WrongExpectedVersionError || error instanceof CommitIdReusedError)) {
          imported += 1;
          return;
        }
        if (!(error instanceof MemberRuleViolation)) throw error;
        fail(row.line, (error.field as ImportColumn | null) ?? null, error.message);
        await this.v.citizenIds.deleteOne({ _id: row.blindIndex, memberId: row.memberId });
        await this.vault.destroy(row.memberId);
      }
    }));
    const failedLines = new Set(errors.map((e) => e.line)).size;
    const last = records[records.length - 1]!.line;
    await this.v.imports.updateOne(
      { _id: importId, nextLine: { $lte: last } },
      {
        $set: { nextLine: last + 1 },
        $inc: { rows: records.length, imported, duplicates, failed: failedLines },
        $push: { errors: { $each: errors.sort((a, b) => a.line - b.line), $slice: MAX_STORED_ERRORS } },
      },
    );
    this.onAppended();
  }

  /** Inserts the rows' reservations; returns the reservations that already existed, by blind index. */
  private async reserve(importId: string, rows: readonly Row[]): Promise<Map<string, { memberId: string; importId: string | null }>> {
    const taken = new Map<string, { memberId: string; importId: string | null }>();
    if (rows.length === 0) return taken;
    const failed: string[] = [];
    try {
      await this.v.citizenIds.insertMany(rows.map((r) => ({ _id: r.blindIndex, memberId: r.memberId, reservedAt: new Date(), importId })), { ordered: false });
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      for (const e of [error.writeErrors].flat()) {
        if (e.code !== 11000) throw error;
        failed.push(rows[e.index]!.blindIndex);
      }
    }
    for (const doc of await Promise.all(failed.map((id) => this.v.citizenIds.findOne({ _id: id })))) {
      if (doc) taken.set(doc._id, { memberId: doc.memberId, importId: doc.importId });
    }
    return taken;
  }
}
