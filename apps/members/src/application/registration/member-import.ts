import { createHash } from 'node:crypto';
import { maskName } from '@lianjian/contracts';
import { AuthError, type Caller, canWrite } from '@lianjian/auth';
import {
  BRANCH_TYPES,
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportedMember,
  memberRulesFor,
  readHeader,
  readMemberRow,
  refuse,
  type MemberRulesConfiguration,
} from '@lianjian/members-domain';
import { type Clock } from '@lianjian/calendar';
import { type CsvLine, type CsvReader, type ImportJobStore, type OrganizationLookup, isMalformed } from '../ports';
import { type ImportJob, type ImportLineError } from '../read-models';
import { type MemberRegistration, type RegistrationRequest } from './member-registration';

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
  readonly district: string | null;
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
    private readonly jobs: ImportJobStore,
    private readonly directory: OrganizationLookup,
    private readonly registration: MemberRegistration,
    private readonly rules: MemberRulesConfiguration,
    private readonly clock: Clock,
    private readonly onAppended: () => void,
    private readonly readCsv: CsvReader,
  ) {}

  async run(caller: Caller, input: { fileName: string; content: string }): Promise<ImportReport> {
    // readers and members register nobody: refused before the file is read or a job is recorded (a scoped admin's
    // lines outside their scope are refused one by one in the report)
    if (caller.role === 'MEMBER' || caller.role === 'ANALYTICS_READER')
      throw new AuthError('FORBIDDEN', 'your role imports no members');
    // the same file from the same caller is the same job (a rerun resumes it); another caller's is their own job,
    // checked against their own scope, and never shows them the first caller's report
    const importId = createHash('sha256')
      .update(JSON.stringify([caller.subject, caller.role, caller.district, caller.organizationId]), 'utf8')
      .update('\n', 'utf8')
      .update(input.content, 'utf8')
      .digest('hex');
    const lines = this.readCsv(input.content);
    try {
      return await this.read(caller, importId, input.fileName, lines);
    } finally {
      await lines.return(undefined); // a refused or finished file stops the parser
    }
  }

  private async read(
    caller: Caller,
    importId: string,
    fileName: string,
    lines: AsyncGenerator<CsvLine>,
  ): Promise<ImportReport> {
    const header = await lines.next();
    if (header.done) refuse('IMPORT_HEADER_INVALID', 'the file is empty', 'content');
    if (isMalformed(header.value))
      refuse('IMPORT_HEADER_INVALID', `the header is not CSV: ${header.value.malformed}`, 'content');
    const { index, missing } = readHeader(header.value.fields);
    if (missing.length)
      refuse(
        'IMPORT_HEADER_INVALID',
        `the header lacks ${missing.map((c) => IMPORT_COLUMNS[c]).join(', ')}`,
        'content',
      );

    const job = await this.job(importId, fileName, caller);
    if (job.status === 'Completed') return { ...job, importId, resumedFromLine: null };
    const resumedFromLine = job.nextLine > 2 ? job.nextLine : null;
    const seen = new Map<string, number>();
    let chunk: CsvLine[] = [];
    for await (const record of lines) {
      if (record.line < job.nextLine) {
        if (!isMalformed(record)) this.remember(record.fields, index, seen, record.line);
        continue;
      }
      chunk.push(record);
      if (chunk.length === CHUNK) {
        await this.chunk(caller, importId, chunk, index, seen);
        chunk = [];
      }
    }
    if (chunk.length) await this.chunk(caller, importId, chunk, index, seen);
    const done = await this.jobs.complete(importId);
    this.onAppended();
    return { ...done, importId, resumedFromLine };
  }

  private async job(importId: string, fileName: string, caller: Caller): Promise<ImportJob> {
    const fresh: ImportJob = {
      _id: importId,
      fileName,
      actor: caller.subject,
      status: 'Running',
      nextLine: 2,
      rows: 0,
      imported: 0,
      duplicates: 0,
      failed: 0,
      errors: [],
      startedAt: new Date(),
      finishedAt: null,
      runs: 1,
    };
    return this.jobs.start(fresh);
  }

  /** Lines before the checkpoint were handled by an earlier run: remember their people for in-file duplicates. */
  private remember(
    fields: string[],
    index: ReturnType<typeof readHeader>['index'],
    seen: Map<string, number>,
    line: number,
  ): void {
    const id = index.idNumber === undefined ? '' : (fields[index.idNumber] ?? '').trim().toUpperCase();
    if (id && !seen.has(id)) seen.set(id, line);
  }

  private async chunk(
    caller: Caller,
    importId: string,
    records: readonly CsvLine[],
    index: ReturnType<typeof readHeader>['index'],
    seen: Map<string, number>,
  ): Promise<void> {
    const today = this.clock.today();
    const errors: ImportLineError[] = [];
    const fail = (line: number, field: ImportColumn | null, reason: string) =>
      errors.push({ line, field, column: field ? IMPORT_COLUMNS[field] : null, reason });
    let duplicates = 0;
    const rows: Row[] = [];
    for (const record of records) {
      if (isMalformed(record)) {
        fail(record.line, null, `the line is not CSV: ${record.malformed}`);
        continue;
      }
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
      rows.push({ line: record.line, member: m, district: target.district });
    }

    // one path with registration by hand: rules, the city-wide reservation (ours from an interrupted run resume), keys
    const requests: RegistrationRequest[] = rows.map(({ line, member: m, district }) => ({
      organizationId: m.organizationId,
      district,
      rules: memberRulesFor(this.rules, district),
      profile: {
        maskedName: maskName(m.name),
        gender: m.gender,
        birthDate: m.birthDate,
        ethnicity: m.ethnicity,
        education: m.education,
        category: m.category,
        posts: m.posts,
        unitId: m.unitId,
      },
      name: m.name,
      idNumber: m.idNumber,
      phone: m.phone,
      history: m.history,
      status: m.status,
      monthlyIncome: m.monthlyIncome,
      source: 'Import',
      commitId: `import-${importId.slice(0, 32)}-${line}`,
    }));
    let imported = 0;
    const outcomes = await this.registration.registerAll(caller, requests, {
      batchId: importId,
      correlationId: importId,
    });
    outcomes.forEach((outcome, i) => {
      if (outcome.kind === 'registered' || outcome.kind === 'resumed') imported += 1;
      else if (outcome.kind === 'already-registered') duplicates += 1;
      else fail(rows[i]!.line, (outcome.violation.field as ImportColumn | null) ?? null, outcome.violation.message);
    });
    const failedLines = new Set(errors.map((e) => e.line)).size;
    const last = records[records.length - 1]!.line;
    await this.jobs.recordChunk(
      importId,
      {
        lastLine: last,
        rows: records.length,
        imported,
        duplicates,
        failed: failedLines,
        errors: errors.sort((a, b) => a.line - b.line),
      },
      MAX_STORED_ERRORS,
    );
    this.onAppended();
  }
}
