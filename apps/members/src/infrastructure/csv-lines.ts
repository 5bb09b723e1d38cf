import { Readable } from 'node:stream';
import { type CsvError, type Info, parse } from 'csv-parse';
import { type CsvLine, type CsvMalformedLine } from '../application/ports';

export { type CsvLine, type CsvMalformedLine, type CsvRecord, isMalformed } from '../application/ports';

/** The parser is fed slices of this many bytes, so a large file is read as the import consumes it. */
const SLICE_BYTES = 64 * 1024;

const LINE_BREAK = /[\r\n]/;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Reads a CSV file (docs/members-import.md) with csv-parse: RFC 4180 quoting (commas, doubled quotes and line
 * breaks inside quotes), CRLF, LF or CR line ends, mixed; a UTF-8 byte order mark ignored; blank lines skipped;
 * rows of any length (the row rules judge missing cells); a stray quote inside an unquoted cell kept as text, as
 * legacy exports write it. Yields each record with the line it starts on as an editor numbers lines (a quoted cell
 * that spans lines moves the next record's line on by as many), in file order, and each line that is not CSV at all.
 *
 * csv-parse counts a CRLF inside quotes as two lines, so the line numbers come from its byte offsets instead: a
 * record ends at `info.bytes`; its last line is counted from the file's own line breaks, its first one back from
 * the line breaks it holds.
 */
export async function* csvLines(text: string): AsyncGenerator<CsvLine> {
  const bytes = Buffer.from(text, 'utf8');
  const skipped: Array<{ code: string; line: number; message: string }> = [];
  const parser = Readable.from(slices(bytes)).pipe(
    parse({
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
      on_skip: (error: CsvError | undefined) => {
        if (error)
          skipped.push({
            code: error.code,
            line: typeof error['lines'] === 'number' ? error['lines'] : 0,
            message: error.message,
          });
        return undefined;
      },
    }),
  );
  const lines = new LineCounter(bytes);
  let end = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      const line = lines.lastLineBefore(info.bytes) - breaksIn(record);
      while (skipped.length > 0 && skipped[0]!.code !== UNCLOSED && skipped[0]!.line < line)
        yield malformedLine(skipped.shift()!, lines, end);
      yield { line, fields: record };
      end = info.bytes;
    }
    for (const skip of skipped) yield malformedLine(skip, lines, end);
  } finally {
    parser.destroy();
  }
}

/** csv-parse's code for a quote opened and never closed: found at the end of the file, it starts after the last record. */
const UNCLOSED = 'CSV_QUOTE_NOT_CLOSED';

function malformedLine(
  skip: { code: string; line: number; message: string },
  lines: LineCounter,
  lastRecordEnd: number,
): CsvMalformedLine {
  if (skip.code === UNCLOSED)
    return { line: lines.firstLineFrom(lastRecordEnd), malformed: 'a quote is opened and never closed' };
  return { line: skip.line, malformed: skip.message };
}

function* slices(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += SLICE_BYTES) yield bytes.subarray(at, at + SLICE_BYTES);
}

/** Line breaks inside a record's cells (only quoted cells hold them): CRLF, LF or CR, each one line. */
function breaksIn(fields: readonly string[]): number {
  let breaks = 0;
  for (const field of fields) {
    if (!LINE_BREAK.test(field)) continue;
    for (let i = 0; i < field.length; i += 1) {
      const c = field.charCodeAt(i);
      if (c === LF || (c === CR && field.charCodeAt(i + 1) !== LF)) breaks += 1;
    }
  }
  return breaks;
}

/** Line numbers of byte offsets, counted once, forward, as the parser moves on. */
class LineCounter {
  private offset = 0;
  private breaks = 0;

  constructor(private readonly bytes: Buffer) {}

  /** The line of the last byte before `end` that is not the line break ending it (`end` is after a record). */
  lastLineBefore(end: number): number {
    for (; this.offset < end; this.offset += 1) {
      const c = this.bytes[this.offset];
      if (c === LF || (c === CR && this.bytes[this.offset + 1] !== LF)) this.breaks += 1;
    }
    const endsWithBreak = end > 0 && (this.bytes[end - 1] === LF || this.bytes[end - 1] === CR);
    return this.breaks + 1 - (endsWithBreak ? 1 : 0);
  }

  /** The first line at or after `start` that is not blank (where the next record starts). */
  firstLineFrom(start: number): number {
    const bom = start === 0 && this.bytes[0] === 0xef && this.bytes[1] === 0xbb && this.bytes[2] === 0xbf ? 3 : 0;
    this.lastLineBefore(start);
    let breaks = this.breaks;
    for (let at = start + bom; at < this.bytes.length && (this.bytes[at] === LF || this.bytes[at] === CR); at += 1) {
      if (this.bytes[at] === LF || this.bytes[at + 1] !== LF) breaks += 1;
    }
    return breaks + 1;
  }
}
