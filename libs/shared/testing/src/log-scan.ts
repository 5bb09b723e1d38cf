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
