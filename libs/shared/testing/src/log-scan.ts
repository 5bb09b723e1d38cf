import { readFile } from 'node:fs/promises';
import { ServiceProcess } from './process';

/** A log line that carries personal data in clear, the value itself replaced so the report does not repeat it. */
export interface LeakingLogLine {
  readonly entry: string;
  readonly line: string;
  readonly kind: 'value-used-by-the-test' | 'citizen-id';
}

const CITIZEN_ID = /(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])/g;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** An 18-character number whose GB 11643 check digit is right: a citizen ID number, not a stray long number. */
export function isCitizenIdNumber(candidate: string): boolean {
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(candidate[i]), 0);
  return '10X98765432'[sum % 11] === candidate[17]!.toUpperCase();
}

/**
 * The lines of `text` holding any of the clear `values` (ID numbers, phones, names, reasons a test sent) or any valid
 * citizen ID number at all. Each reported line has the value replaced by `«…»`.
 */
export function leakingLines(entry: string, text: string, values: Iterable<string>): LeakingLogLine[] {
  const clear = [...new Set(values)].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
  const found: LeakingLogLine[] = [];
  for (const line of text.split('\n')) {
    const value = clear.find((v) => line.includes(v));
    if (value !== undefined) {
      found.push({ entry, line: line.split(value).join('«value used by the test»'), kind: 'value-used-by-the-test' });
      continue;
    }
    const ids = [...line.matchAll(CITIZEN_ID)].map((m) => m[0]).filter(isCitizenIdNumber);
    if (ids.length)
      found.push({ entry, line: ids.reduce((l, id) => l.split(id).join('«citizen id»'), line), kind: 'citizen-id' });
  }
  return found;
}

/**
 * Every line the service processes of this test file wrote so far (stdout and stderr, in full: `ServiceProcess`
 * writes it to a file) that carries personal data in clear; with how many lines were read, so a check can tell it
 * read something.
 */
export async function scanServiceLogs(values: Iterable<string>): Promise<{ lines: number; leaks: LeakingLogLine[] }> {
  const wanted = [...values];
  let lines = 0;
  const leaks: LeakingLogLine[] = [];
  for (const { entry, file } of ServiceProcess.serviceLogs) {
    const text = await readFile(file, 'utf8').catch(() => '');
    lines += text.split('\n').filter(Boolean).length;
    leaks.push(...leakingLines(entry, text, wanted));
  }
  return { lines, leaks };
}

const PERSON_KEYS = new Set(['secretary', 'deputySecretaries', 'committeeMembers', 'host', 'recorder', 'absentees']);
const PERSON_IN_QUERY = /\b(?:secretary|deputySecretaries|committeeMembers|host|recorder)\s*:\s*\[?\s*(\{[^}]*\})/g;
const CSV_PERSONAL_COLUMNS = new Set(['姓名', '公民身份号码', '手机号码']);

/**
 * The personal data a test sends the services, recorded as it goes (`watch` a client): every ID number, phone and
 * reason, the name of every person (a member's registration, a person in a record), and the name, ID number and phone
 * cells of a CSV import. `scanServiceLogs(sent.values)` then finds any of them in a log line.
 */
export class PersonalDataSent {
  readonly values = new Set<string>();

  /** Records what every request of this client sends, from now on. */
  watch(client: {
    gql: (caller: never, query: string, variables?: Record<string, unknown>) => Promise<unknown>;
  }): void {
    const gql = client.gql.bind(client);
    client.gql = (caller, query, variables) => {
      this.recordQuery(query);
      this.record(variables);
      return gql(caller, query, variables);
    };
  }

  /** What an operation's text itself carries (arguments written inline rather than as variables). */
  recordQuery(query: string): void {
    for (const [, key, text] of query.matchAll(/\b(idNumber|phone|reason)\s*:\s*"([^"]{2,})"/g))
      if (key && text) this.values.add(text);
    for (const [, person] of query.matchAll(PERSON_IN_QUERY))
      for (const [, name] of (person ?? '').matchAll(/\bname\s*:\s*"([^"]{2,})"/g)) if (name) this.values.add(name);
  }

  record(value: unknown, person = false): void {
    if (Array.isArray(value)) return value.forEach((v) => this.record(v, person));
    if (!value || typeof value !== 'object') return;
    const entries = Object.entries(value as Record<string, unknown>);
    const isPerson = person || entries.some(([key]) => key === 'idNumber');
    for (const [key, v] of entries) {
      const text = typeof v === 'string' && v.length >= 2 ? v : null;
      if (text && key === 'content') this.recordCsv(text);
      else if (text && (key === 'idNumber' || key === 'phone' || key === 'reason' || (key === 'name' && isPerson)))
        this.values.add(text);
      else this.record(v, PERSON_KEYS.has(key));
    }
  }

  private recordCsv(content: string): void {
    const [header, ...rows] = content.replace(/^\uFEFF/, '').split(/\r?\n/);
    const columns = (header ?? '').split(',').flatMap((c, i) => (CSV_PERSONAL_COLUMNS.has(c.trim()) ? [i] : []));
    for (const row of rows) {
      const cells = csvCells(row);
      for (const i of columns) {
        const cell = cells[i]?.trim();
        if (cell && cell.length >= 2) this.values.add(cell);
      }
    }
  }
}

/** The cells of one CSV line, quotes honoured ("a,b" is one cell, "" a quote). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
