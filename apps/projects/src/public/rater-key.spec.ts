import { PublicRefusal } from './public-errors';
import { normalizeMobile, raterKey, raterKeySecret } from './rater-key';

const SECRET = raterKeySecret(Buffer.alloc(32, 3));
const OTHER_SECRET = raterKeySecret(Buffer.alloc(32, 4));
const PHONE = '13812345678';

/** Every run of at least 4 digits of the number, in the order they appear in it. */
const digitRuns = (phone: string, length = 4): string[] =>
  Array.from({ length: phone.length - length + 1 }, (_, i) => phone.slice(i, i + length));

describe('rater keys', () => {
  it('gives the same key for the same number however it is written', () => {
    const key = raterKey(SECRET, 'p-lift', PHONE);
    for (const written of [
      '138 1234 5678',
      '138-1234-5678',
      '+86 138 1234 5678',
      '+86-13812345678',
      '008613812345678',
      '86 13812345678',
      '(138) 1234.5678',
      ' 13812345678 ',
    ])
      expect({ written, key: raterKey(SECRET, 'p-lift', written) }).toEqual({ written, key });
  });

  it('gives another key for another number, another project or another master key', () => {
    const key = raterKey(SECRET, 'p-lift', PHONE);
    expect(raterKey(SECRET, 'p-lift', '13812345679')).not.toBe(key);
    expect(raterKey(SECRET, 'p-garden', PHONE)).not.toBe(key);
    expect(raterKey(OTHER_SECRET, 'p-lift', PHONE)).not.toBe(key);
  });

  it('is 32 base64url characters that do not hold the number', () => {
    for (const phone of [PHONE, '13900139000', '15000000000', '19999999999']) {
      const key = raterKey(SECRET, 'p-lift', phone);
      expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(key).not.toContain(phone);
      expect(digitRuns(phone).filter((run) => key.includes(run))).toEqual([]);
      expect(Buffer.from(key, 'base64url').toString('latin1')).not.toContain(phone);
    }
  });

  it('refuses what is not a mainland mobile number on contact, without repeating it', () => {
    for (const typed of ['12345', '12812345678', '1381234567', '138123456789', '+1 415 555 0100', 'call me', ''])
      try {
        raterKey(SECRET, 'p-lift', typed);
        throw new Error(`accepted ${typed}`);
      } catch (error) {
        expect(error).toBeInstanceOf(PublicRefusal);
        expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contact' });
        if (typed.length > 3) expect((error as Error).message).not.toContain(typed);
      }
    expect(normalizeMobile('+86 138-1234-5678')).toBe(PHONE);
  });

  it('needs a 32-byte master key', () => {
    expect(() => raterKeySecret(Buffer.alloc(31))).toThrow(RangeError);
    expect(raterKeySecret(Buffer.alloc(32, 3)).equals(SECRET)).toBe(true);
  });
});
