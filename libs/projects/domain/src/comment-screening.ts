/**
 * A rater's comment is stored in clear only once screened for personal data: ID numbers (15 or 18 characters),
 * mobile and landline phone numbers, e-mail addresses and bank-card-like digit runs are replaced by a mark saying
 * what was there. Names can't be told from other words reliably: the comment form asks raters not to give any, and
 * a comment stays the rater's free text otherwise.
 */
export interface ScreenedComment {
  readonly text: string;
  /** What was removed, by kind (for the count of screened comments; never the values). */
  readonly removed: readonly PersonalDataKind[];
}

export type PersonalDataKind = 'IdNumber' | 'Phone' | 'Email' | 'CardNumber';

/**
 * What the screening removes, in the order it removes it. The published contract holds the same patterns as strings
 * (`UNSCREENED_PERSONAL_DATA`, refusing a message that still holds one); the projects service's published-events spec
 * checks the two are the same.
 */
export const PERSONAL_DATA_PATTERNS: ReadonlyArray<{
  readonly kind: PersonalDataKind;
  readonly pattern: RegExp;
  readonly mark: string;
}> = [
  { kind: 'Email', pattern: /[\w.+-]+@[\w-]+(\.[\w-]+)+/g, mark: '[邮箱已隐去]' },
  { kind: 'IdNumber', pattern: /(?<!\d)(\d{17}[\dXx]|\d{15})(?![\dXx])/g, mark: '[身份证号已隐去]' },
  { kind: 'CardNumber', pattern: /(?<!\d)\d{16,19}(?!\d)/g, mark: '[卡号已隐去]' },
  { kind: 'Phone', pattern: /(?<!\d)(\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)/g, mark: '[电话已隐去]' },
  { kind: 'Phone', pattern: /(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)/g, mark: '[电话已隐去]' },
];

export function screenComment(comment: string): ScreenedComment {
  // full-width digits and letters (１３８…, Ｘ) read as their ASCII forms; other characters stay as written
  let text = comment.replace(/[０-９Ａ-Ｚａ-ｚ＠．＋－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const removed = new Set<PersonalDataKind>();
  for (const { kind, pattern, mark } of PERSONAL_DATA_PATTERNS)
    text = text.replace(pattern, () => {
      removed.add(kind);
      return mark;
    });
  return { text: text.trim(), removed: [...removed] };
}
