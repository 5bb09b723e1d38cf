import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { type MemberRuleViolation } from '@lianjian/members-domain';
import { DEFAULT_LETTER_FONT, letterFontProblem, loadLetterFont } from './letter-font';
import { renderTransferLetter, type TransferLetterDocument } from './letter-pdf';
import { TransferLetters, type TransferLetterRequest } from './transfer-letters';

// The letter rendered for real: poppler's pdftotext reads its Chinese text back, pdffonts shows the CJK font
// embedded, pdftoppm rasterizes the page, and the QR code is decoded from those pixels. The tools and the font are
// Debian's poppler-utils and fonts-wqy-microhei (tools/install-system-packages.sh installs them for `npm test`).

const fontPath = process.env['MEMBERS_LETTER_FONT'] || DEFAULT_LETTER_FONT;
const dir = mkdtempSync(path.join(tmpdir(), 'transfer-letter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (tool: string, ...args: string[]): string => execFileSync(tool, args, { encoding: 'utf8' });

interface Rendered {
  text: string;
  fonts: string;
  png: Buffer;
  pngFile: string;
}

/** Writes the PDF, reads its text and fonts, and renders its page at 100 dpi. */
function inspect(pdf: Buffer, name: string): Rendered {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const prefix = path.join(dir, name);
  run('pdftoppm', '-png', '-r', '100', file, prefix);
  const pages = readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
  expect(pages).toHaveLength(1);
  const pngFile = path.join(dir, pages[0]!);
  return {
    text: run('pdftotext', '-layout', file, '-'),
    fonts: run('pdffonts', file),
    png: readFileSync(pngFile),
    pngFile,
  };
}

/** The text of the QR code found in a PNG image, or null. */
function qrOf(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

const letter: TransferLetterRequest = {
  transferId: '0b6f3c8e-4d2a-4f7b-9c1e-5a8d7e6f4b3a',
  letterNumber: '沪组转〔2026〕001号',
  memberName: '欧阳晓燕',
  memberId: 'm-7f3a',
  gender: 'Female',
  ethnicity: '汉族',
  stage: 'FullMember',
  fromOrganization: '中共黄浦区外滩街道金陵东路社区第一党支部',
  toOrganization: '中共浦东新区陆家嘴街道世纪大道楼宇联合党支部',
  issuingOrganization: '中共上海市委组织部',
  issuedOn: '2026-03-10',
  validUntil: '2026-06-09',
  duesPaidUntil: '2026-02',
  reason: '工作调动',
};

describe('the transfer letter as a PDF', () => {
  it('uses a font with the letter’s Chinese glyphs (fonts-wqy-microhei unless MEMBERS_LETTER_FONT names another)', () => {
    expect(letterFontProblem(fontPath)).toBeNull();
  });

  let rendered: Rendered;
  let code: string;
  const letters = new TransferLetters(randomBytes(32), fontPath);

  beforeAll(async () => {
    const issued = await letters.document(letter);
    code = issued.code;
    expect(issued.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    rendered = inspect(issued.pdf, 'letter');
    // kept for a look: TRANSFER_LETTER_PNG=/tmp/letter.png npx jest … letter-pdf
    if (process.env['TRANSFER_LETTER_PNG']) writeFileSync(process.env['TRANSFER_LETTER_PNG'], rendered.png);
  });

  it('reads back, through pdftotext, every Chinese field of the counterfoil and the letter', () => {
    const text = rendered.text.replace(/[ \t]+/g, ' ');
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('中国共产党党员组织关系介绍信（存根）');
    expect(flat.split('中国共产党党员组织关系介绍信').length - 1).toBe(2);
    expect(flat.split('沪组转〔2026〕001号').length - 1).toBeGreaterThanOrEqual(2);
    for (const field of [
      '欧阳晓燕同志（女，汉族），系中共正式党员',
      '组织关系由中共黄浦区外滩街道金陵东路社区第一党支部转到中共浦东新区陆家嘴街道世纪大道楼宇联合党支部',
      '中共浦东新区陆家嘴街道世纪大道楼宇联合党支部：',
      '兹介绍欧阳晓燕同志',
      '请接洽',
      '该同志党费已交到2026年2月',
      '有效期92天',
      '至2026年6月9日',
      '转接原因：工作调动',
      '党员编号：m-7f3a',
      '中共上海市委组织部（盖章）',
      '2026年3月10日',
      '接收党组织扫码或输入验证码办理接收',
    ])
      expect({ field, found: flat.includes(field) }).toEqual({ field, found: true });
    // the code printed under the QR code, as the receiving branch would type it
    expect(flat.replace(/-/g, '')).toContain(code.replace(/-/g, ''));
  });

  it('embeds a subset of the CJK font (pdffonts), so no reader substitutes a font without Chinese glyphs', () => {
    const fonts = rendered.fonts.split('\n').slice(2).filter(Boolean);
    const face = loadLetterFont(fontPath).postscriptName; // WenQuanYiMicroHei
    const cjk = fonts.filter((line) => line.includes(`+${face} `));
    expect(cjk).toHaveLength(1);
    // name, type, encoding, emb, sub, uni
    expect(cjk[0]).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(fonts.every((line) => /\s+yes\s+yes\s+yes\s+\d+\s+\d+$/.test(line))).toBe(true);
  });

  it('renders to a page image (pdftoppm, 100 dpi) whose QR code decodes to the letter’s code, which opens', () => {
    const image = PNG.sync.read(rendered.png);
    expect([image.width, image.height]).toEqual([827, 1170]);
    const scanned = qrOf(rendered.png);
    expect(scanned).toBe(code);
    expect(letters.open(scanned!, '2026-04-01')).toEqual({
      transferId: letter.transferId,
      letterNumber: letter.letterNumber,
      issuedOn: letter.issuedOn,
      validUntil: letter.validUntil,
    });
  });

  it('is refused by another service instance’s key, and once expired', () => {
    const elsewhere = new TransferLetters(randomBytes(32), fontPath);
    expect(() => elsewhere.open(code, '2026-04-01')).toThrow(
      expect.objectContaining({ code: 'TRANSFER_LETTER_FORGED' }) as MemberRuleViolation,
    );
    expect(() => letters.open(code, '2026-06-10')).toThrow(
      expect.objectContaining({ code: 'TRANSFER_LETTER_EXPIRED' }) as MemberRuleViolation,
    );
  });

  it('prints what is not known as blanks or leaves it out: no gender, stage or reason, dues month unknown', async () => {
    const minimal: TransferLetterDocument = {
      letterNumber: '2026-118',
      memberName: '李明',
      memberId: 'm-1',
      fromOrganization: '中共静安区石门二路街道某公司党支部',
      toOrganization: '中共北京市海淀区中关村街道某社区党委',
      issuingOrganization: '中共静安区委组织部',
      issuedOn: '2026-01-31',
      validUntil: '2026-07-30',
      duesPaidUntil: null,
      code: 'ABCDE-FGHJK-12345',
    };
    const { text, png } = inspect(await renderTransferLetter(minimal, { fontPath }), 'minimal');
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('第2026-118号');
    expect(flat).toContain('李明同志，系中共党员，组织关系由');
    expect(flat).toContain('有效期181天');
    expect(flat).toMatch(/党费已交到年月/);
    expect(flat).not.toContain('转接原因');
    expect(qrOf(png)).toBe('ABCDE-FGHJK-12345');
  });

  it('refuses a font file that is missing or not a font, saying which and what to install', async () => {
    const notAFont = path.join(dir, 'not-a-font.ttf');
    writeFileSync(notAFont, 'not a font');
    expect(letterFontProblem(path.join(dir, 'missing.ttc'))).toMatch(/cannot be read .*fonts-wqy-microhei/);
    expect(letterFontProblem(notAFont)).toMatch(/not a TrueType or OpenType font/);
    await expect(
      renderTransferLetter({ ...letter, code: 'X' }, { fontPath: path.join(dir, 'missing.ttc') }),
    ).rejects.toThrow(/cannot be read/);
  });
});
