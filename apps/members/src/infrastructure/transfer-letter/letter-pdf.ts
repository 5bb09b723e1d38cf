import PDFDocument from 'pdfkit';
import { create as createQr } from 'qrcode';
import { parseIsoDate, type IsoDate, type IsoMonth } from '@lianjian/calendar';
import { loadLetterFont } from './letter-font';

/**
 * The transfer letter as people know it (中国共产党党员组织关系介绍信): a counterfoil (存根) the issuing organization
 * keeps, a cut line, and the letter the member carries to the receiving organization, with its number, validity,
 * dues-paid month, the issuing organization (to be stamped) and a QR code of its signed code
 * (docs/adr/0023-transfer-letter-pdf-and-signed-code.md). Plain values only: the caller has read and revealed them.
 */
export interface TransferLetterDocument {
  /** The letter's number as issued, e.g. `沪组转〔2026〕001号` (printed as is when it ends in 号, else as 第…号). */
  readonly letterNumber: string;
  /** The member's name, in clear. */
  readonly memberName: string;
  readonly memberId: string;
  /** Printed as 男 / 女; left out when null or absent. */
  readonly gender?: 'Male' | 'Female' | null;
  /** As recorded, e.g. `汉族`; left out when null or absent. */
  readonly ethnicity?: string | null;
  /** 正式党员 / 预备党员; plain 党员 when null or absent. */
  readonly stage?: 'FullMember' | 'ProbationaryMember' | null;
  /** The sending organization's name (or the organization outside the city a letter comes from). */
  readonly fromOrganization: string;
  /** The receiving organization's name, or the organization outside the city the member goes to. */
  readonly toOrganization: string;
  /** Who issues (and stamps) the letter: the last approver on the transfer's path. */
  readonly issuingOrganization: string;
  readonly issuedOn: IsoDate;
  /** The last day the letter is valid; the validity in days (有效期…天) is counted from issuedOn to this day. */
  readonly validUntil: IsoDate;
  /** The last month of dues paid (党费交到…年…月), `YYYY-MM`; null prints blanks to fill in by hand. */
  readonly duesPaidUntil: IsoMonth | null;
  /** Why the relationship moves (转接原因), on the counterfoil. */
  readonly reason?: string | null;
  /** The signed code (letter-code.ts): printed, and encoded in the QR code. */
  readonly code: string;
}

const FONT = 'letter';
const PAGE = { width: 595.28, height: 841.89 }; // A4, points
const LEFT = 64;
const WIDTH = PAGE.width - 2 * LEFT;
const CUT_AT = 318;
const QR_SIZE = 112; // about 40 mm: a phone reads it at arm's length; pdftoppm at 100 dpi gives 3 px per module
const TITLE = '中国共产党党员组织关系介绍信';

/** `2026年3月9日`. */
function chineseDate(date: IsoDate): string {
  const d = parseIsoDate(date);
  if (!d) throw new RangeError(`not a calendar date YYYY-MM-DD: ${JSON.stringify(date)}`);
  return `${d.year}年${d.month}月${d.day}日`;
}

const chineseMonth = (month: IsoMonth | null): string =>
  month ? `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月` : '　　　　年　　月';

/** Days from issue to the last valid day, both included. */
function validityDays(issuedOn: IsoDate, validUntil: IsoDate): number {
  const from = parseIsoDate(issuedOn);
  const to = parseIsoDate(validUntil);
  if (!from || !to || to.until(from).sign > 0)
    throw new RangeError(`the letter's validity ${issuedOn} … ${validUntil} is not a range of days`);
  return from.until(to, { largestUnit: 'days' }).days + 1;
}

const numbered = (letterNumber: string): string => (letterNumber.endsWith('号') ? letterNumber : `第${letterNumber}号`);

/** `（男，汉族）`, or nothing when neither is known. */
function identity(letter: TransferLetterDocument): string {
  const parts = [
    letter.gender === 'Male' ? '男' : letter.gender === 'Female' ? '女' : null,
    letter.ethnicity?.trim() || null,
  ].filter((p): p is string => p !== null);
  return parts.length ? `（${parts.join('，')}）` : '';
}

const stage = (letter: TransferLetterDocument): string =>
  letter.stage === 'FullMember' ? '正式' : letter.stage === 'ProbationaryMember' ? '预备' : '';

/** Renders the letter (one A4 page: counterfoil above the cut line, letter below) as a PDF with the font embedded. */
export async function renderTransferLetter(
  letter: TransferLetterDocument,
  options: { fontPath: string },
): Promise<Buffer> {
  const font = loadLetterFont(options.fontPath);
  const days = validityDays(letter.issuedOn, letter.validUntil);
  const qr = createQr(letter.code, { errorCorrectionLevel: 'M' });

  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${TITLE} ${numbered(letter.letterNumber)}`,
      Subject: `${letter.memberName}：${letter.fromOrganization} → ${letter.toOrganization}`,
      Author: letter.issuingOrganization,
      Creator: 'Lianjian 联建',
    },
  });
  const chunks: Buffer[] = [];
  const pdf = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(FONT, font.data, font.postscriptName);
  doc.font(FONT).fillColor('black');

  const paragraph = (text: string, y: number, size = 13, indent = 2 * size): number => {
    doc.fontSize(size).text(text, LEFT, y, { width: WIDTH, indent, lineGap: size * 0.6 });
    return doc.y + size * 0.4;
  };
  const right = (text: string, y: number, size = 12): number => {
    doc.fontSize(size).text(text, LEFT, y, { width: WIDTH, align: 'right' });
    return doc.y;
  };
  const body = `${letter.memberName}同志${identity(letter)}，系中共${stage(letter)}党员，组织关系由${letter.fromOrganization}转到${letter.toOrganization}`;
  const until = chineseDate(letter.validUntil);

  // --- counterfoil (存根), kept by the issuing organization
  doc.fontSize(17).text(`${TITLE}（存根）`, LEFT, 52, { width: WIDTH, align: 'center' });
  let y = right(numbered(letter.letterNumber), 84) + 10;
  y = paragraph(`${body}。`, y);
  if (letter.reason?.trim()) y = paragraph(`转接原因：${letter.reason.trim()}`, y);
  y = paragraph(`党费交到${chineseMonth(letter.duesPaidUntil)}。有效期${days}天（至${until}）。`, y);
  paragraph(`党员编号：${letter.memberId}`, y, 10, 0);
  right(letter.issuingOrganization, CUT_AT - 62);
  right(chineseDate(letter.issuedOn), CUT_AT - 42);

  // --- cut line
  doc
    .save()
    .moveTo(LEFT - 24, CUT_AT)
    .lineTo(PAGE.width - LEFT + 24, CUT_AT)
    .lineWidth(0.6)
    .dash(4, { space: 3 });
  doc.stroke().undash().restore();
  const cutLabel = `此处裁开　${numbered(letter.letterNumber)}`;
  doc.fontSize(8);
  const labelWidth = doc.widthOfString(cutLabel) + 12;
  doc.rect((PAGE.width - labelWidth) / 2, CUT_AT - 6, labelWidth, 12).fill('white');
  doc
    .fillColor('#555')
    .text(cutLabel, 0, CUT_AT - 4, { width: PAGE.width, align: 'center' })
    .fillColor('black');

  // --- the letter, carried by the member
  doc.fontSize(22).text(TITLE, LEFT, CUT_AT + 34, { width: WIDTH, align: 'center', characterSpacing: 2 });
  y = right(numbered(letter.letterNumber), CUT_AT + 74) + 14;
  doc.fontSize(14).text(`${letter.toOrganization}：`, LEFT, y, { width: WIDTH, lineGap: 8 });
  y = doc.y + 6;
  y = paragraph(`兹介绍${body}，请接洽。`, y, 14);
  y = paragraph(`该同志党费已交到${chineseMonth(letter.duesPaidUntil)}。`, y, 14);
  y = paragraph(`（有效期${days}天，至${until}）`, y, 14);

  // --- QR code of the signed code (left), issuing organization and date (right)
  const top = Math.max(y + 24, PAGE.height - 72 - QR_SIZE - 64);
  const modules = qr.modules;
  const cell = QR_SIZE / modules.size;
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++)
      if (modules.data[row * modules.size + col]) doc.rect(LEFT + col * cell, top + row * cell, cell, cell);
  doc.fill('black');
  doc.fontSize(8).text('接收党组织扫码或输入验证码办理接收', LEFT, top + QR_SIZE + 10, { width: 220 });
  const groups = letter.code.split('-');
  const codeLines: string[] = [];
  for (let i = 0; i < groups.length; i += 5) codeLines.push(groups.slice(i, i + 5).join('-'));
  doc.fontSize(10).text(codeLines.join('\n'), LEFT, doc.y + 3, { width: 300, lineGap: 2, characterSpacing: 0.5 });

  doc.fontSize(14).text(`${letter.issuingOrganization}（盖章）`, LEFT + 250, top + 24, {
    width: WIDTH - 250,
    align: 'right',
  });
  doc.text(chineseDate(letter.issuedOn), LEFT + 250, doc.y + 14, { width: WIDTH - 250, align: 'right' });

  doc.end();
  return pdf;
}
