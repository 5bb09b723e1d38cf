import { randomBytes } from 'node:crypto';
import { MemberRuleViolation } from '@lianjian/members-domain';
import {
  letterCodeKey,
  normalizeLetterCode,
  openLetterCode,
  signLetterCode,
  type TransferLetterClaims,
} from './letter-code';

const masterKey = randomBytes(32);
const key = letterCodeKey(masterKey);
const claims: TransferLetterClaims = {
  transferId: '0b6f3c8e-4d2a-4f7b-9c1e-5a8d7e6f4b3a',
  letterNumber: '沪组转〔2026〕001号',
  issuedOn: '2026-03-10',
  validUntil: '2026-06-09',
};
const code = signLetterCode(key, claims);
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function refusal(run: () => unknown): { code: string; message: string; field: string | null } {
  try {
    run();
  } catch (error) {
    if (error instanceof MemberRuleViolation) return { code: error.code, message: error.message, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the transfer letter’s signed code', () => {
  it('opens to the claims it was signed with, on any day of its validity', () => {
    expect(openLetterCode(key, code, '2026-03-10')).toEqual(claims);
    expect(openLetterCode(key, code, '2026-06-09')).toEqual(claims);
  });

  it('is short enough to type: Crockford base32 capitals in groups of five, 93 symbols for a UUID transfer', () => {
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-)*[0-9A-HJKMNP-TV-Z]{1,5}$/);
    expect(code.replace(/-/g, '')).toHaveLength(93);
    const short = signLetterCode(key, { ...claims, transferId: 't-1', letterNumber: '2026-001' });
    expect(short.replace(/-/g, '')).toHaveLength(45);
    expect(openLetterCode(key, short, '2026-04-01')).toEqual({
      ...claims,
      transferId: 't-1',
      letterNumber: '2026-001',
    });
  });

  it('reads a typed code as people type it: lower case, spaces or no hyphens, O for 0, I or L for 1', () => {
    const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(normalizeLetterCode(typed)).toBe(code.replace(/-/g, ''));
    expect(openLetterCode(key, typed, '2026-04-01')).toEqual(claims);
    expect(openLetterCode(key, code.replace(/-/g, ''), '2026-04-01')).toEqual(claims);
  });

  it('refuses a code with any one symbol changed, wherever it is, as forged', () => {
    const symbols = code.replace(/-/g, '');
    for (let at = 0; at < symbols.length; at++) {
      const other = ALPHABET[(ALPHABET.indexOf(symbols[at]!) + 1 + (at % 31)) % 32]!;
      const altered = symbols.slice(0, at) + other + symbols.slice(at + 1);
      expect({ at, refusal: refusal(() => openLetterCode(key, altered, '2026-04-01')).code }).toEqual({
        at,
        refusal: 'TRANSFER_LETTER_FORGED',
      });
    }
  });

  it('refuses a code signed with another key as forged, saying it may be mistyped', () => {
    const other = signLetterCode(letterCodeKey(randomBytes(32)), claims);
    expect(refusal(() => openLetterCode(key, other, '2026-04-01'))).toEqual({
      code: 'TRANSFER_LETTER_FORGED',
      message: expect.stringMatching(/altered, forged or mistyped/),
      field: 'letterCode',
    });
  });

  it('refuses garbage, a cut or lengthened code and stray end bits as forged, never as a crash', () => {
    const symbols = code.replace(/-/g, '');
    const garbage = [
      '',
      '-',
      'hello, world',
      '介绍信',
      'UUUUU',
      symbols.slice(0, -1),
      symbols.slice(0, 20),
      `${symbols}0`,
      `${symbols}00`,
      // 58 bytes take 93 symbols with one bit to spare: the same bytes with that bit set are not the code
      symbols.slice(0, -1) + ALPHABET[ALPHABET.indexOf(symbols.at(-1)!) | 1],
      randomBytes(40).toString('hex').toUpperCase(),
      `${symbols}-`.repeat(20_000),
      ...Array.from({ length: 50 }, () => Array.from(randomBytes(93), (b) => ALPHABET[b % 32]).join('')),
    ];
    for (const text of garbage)
      expect({ text, refusal: refusal(() => openLetterCode(key, text, '2026-04-01')).code }).toEqual({
        text,
        refusal: 'TRANSFER_LETTER_FORGED',
      });
  });

  it('refuses a genuine code after its last valid day as expired, naming that day', () => {
    expect(refusal(() => openLetterCode(key, code, '2026-06-10'))).toEqual({
      code: 'TRANSFER_LETTER_EXPIRED',
      message: expect.stringContaining('valid until 2026-06-09'),
      field: 'letterCode',
    });
    expect(refusal(() => openLetterCode(key, code, '2026-06-10')).message).toContain('沪组转〔2026〕001号');
  });

  it('checks the tag before the dates: a forged code that would be expired is still forged', () => {
    const forged = signLetterCode(letterCodeKey(randomBytes(32)), { ...claims, validUntil: '2026-03-31' });
    expect(refusal(() => openLetterCode(key, forged, '2027-01-01')).code).toBe('TRANSFER_LETTER_FORGED');
  });

  it('derives its key from the master key under its own label: same master key, same codes', () => {
    expect(letterCodeKey(masterKey)).toEqual(key);
    expect(letterCodeKey(masterKey)).not.toEqual(masterKey);
    expect(signLetterCode(letterCodeKey(Buffer.from(masterKey)), claims)).toBe(code);
    expect(() => letterCodeKey(randomBytes(16))).toThrow(/32 bytes/);
  });

  it('will not sign what it could not carry: an empty or too long number, dates out of order', () => {
    expect(() => signLetterCode(key, { ...claims, letterNumber: '' })).toThrow(/letterNumber/);
    expect(() => signLetterCode(key, { ...claims, letterNumber: '号'.repeat(90) })).toThrow(/letterNumber/);
    expect(() => signLetterCode(key, { ...claims, validUntil: '2026-03-09' })).toThrow(/before issuedOn/);
    expect(() => signLetterCode(key, { ...claims, issuedOn: '2026-02-30' })).toThrow(/issuedOn/);
  });
});
