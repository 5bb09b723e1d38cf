import { type CsvLine, csvLines } from './csv-lines';

const read = async (text: string): Promise<CsvLine[]> => {
  const lines: CsvLine[] = [];
  for await (const line of csvLines(text)) lines.push(line);
  return lines;
};

describe('CSV lines of an import file (csv-parse)', () => {
  it('parses quoted fields with commas, quotes and line breaks, CRLF and a byte order mark, with line numbers', async () => {
    expect(await read('\uFEFFa,b\r\n"x, y","he said ""hi"""\r\n\r\n"two\nlines",z\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'he said "hi"'] },
      { line: 4, fields: ['two\nlines', 'z'] },
    ]);
  });

  it('strips the byte order mark from the first header cell', async () => {
    const [header] = await read('\uFEFF姓名,性别\n张伟,男\n');
    expect(header).toEqual({ line: 1, fields: ['姓名', '性别'] });
  });

  it('takes CRLF, LF and CR line ends, mixed in one file, and a last line without one', async () => {
    expect(await read('a,b\rc,d\r\ne,f\ng,h')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
      { line: 3, fields: ['e', 'f'] },
      { line: 4, fields: ['g', 'h'] },
    ]);
  });

  it('numbers lines as an editor does after a quoted cell that holds a CRLF', async () => {
    expect(await read('a,b\r\n"first\r\nsecond",x\r\n\r\nc,d\r\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['first\r\nsecond', 'x'] },
      { line: 5, fields: ['c', 'd'] },
    ]);
  });

  it('keeps rows of any length (ragged rows): the row rules judge missing cells', async () => {
    expect(await read('a,b,c\nonly\nd,e,f,g\n,,\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['only'] },
      { line: 3, fields: ['d', 'e', 'f', 'g'] },
      { line: 4, fields: ['', '', ''] },
    ]);
  });

  it('skips blank lines but keeps a line of spaces, and keeps cells as written (no trimming)', async () => {
    expect(await read('a,b\n\n\n  \n x , y \n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 4, fields: ['  '] },
      { line: 5, fields: [' x ', ' y '] },
    ]);
  });

  it('keeps a stray quote inside an unquoted cell as text, as legacy exports write it', async () => {
    expect(await read('a,b\n王"小"明,x\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['王"小"明', 'x'] },
    ]);
  });

  it('keeps characters outside the basic plane whole, wherever the parser slices the file', async () => {
    const name = '𠮷'.repeat(40_000); // 160,000 bytes: crosses the 64 KiB slices, surrogate pairs included
    expect(await read(`姓名,x\n"${name}",1\n${name},2\n`)).toEqual([
      { line: 1, fields: ['姓名', 'x'] },
      { line: 2, fields: [name, '1'] },
      { line: 3, fields: [name, '2'] },
    ]);
  });

  it('reports a quote that is never closed as a malformed line, on the line it opens, after the records before it', async () => {
    expect(await read('a,b\nc,d\n"unclosed,y\ne,f\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
      { line: 3, malformed: 'a quote is opened and never closed' },
    ]);
    expect(await read('a,b\r\n"x\r\ny",z\r\n\r\n"never,closed')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x\r\ny', 'z'] },
      { line: 5, malformed: 'a quote is opened and never closed' },
    ]);
    expect(await read('\uFEFF"header never closed')).toEqual([
      { line: 1, malformed: 'a quote is opened and never closed' },
    ]);
  });

  it('yields nothing for an empty file or one with only a byte order mark', async () => {
    expect(await read('')).toEqual([]);
    expect(await read('\uFEFF')).toEqual([]);
  });

  it('reads a large file in order, every record on its line', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `"名字${i}\r\n第二行",${i}`);
    const lines = await read(['h1,h2', ...rows].join('\r\n'));
    expect(lines).toHaveLength(20_001);
    expect(lines[20_000]).toEqual({ line: 40_000, fields: ['名字19999\r\n第二行', '19999'] });
  });
});
