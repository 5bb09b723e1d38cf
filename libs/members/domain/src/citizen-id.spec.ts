import { cardNumberFrom, isCardNumber } from './card';
import { checkCitizenId, checkDigitOf, isMobilePhone, maskCitizenId, maskPhone } from './citizen-id';

const valid = (body17: string) => `${body17}${checkDigitOf(body17)}`;

describe('citizen ID numbers (GB 11643-1999)', () => {
  it('given a number with the right check digit, when checked, then it yields birth date and gender', () => {
    expect(checkCitizenId('11010519491231002X', '2026-11-22')).toEqual({
      valid: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'Female',
    });
    expect(checkCitizenId(valid('31010119900101001'), '2026-11-22')).toMatchObject({ valid: true, gender: 'Male' });
    expect(checkCitizenId(' 11010519491231002x ', '2026-11-22')).toMatchObject({
      valid: true,
      normalized: '11010519491231002X',
    });
  });

  it.each([
    ['a wrong check digit', '110105194912310021', /check digit/],
    ['17 characters', '11010519491231002', /17 digits/],
    ['a letter inside', '1101051949123100AX', /17 digits/],
    ['an impossible date', valid('11010519490230001'), /birth date/],
    ['a birth date after today', valid('11010520301231001'), /birth date/],
    ['a zero region', valid('01010519491231001'), /region/],
  ])('given %s, when checked, then it is refused with the reason', (_case, value, reason) => {
    const result = checkCitizenId(value, '2026-11-22');
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.reason).toMatch(reason);
  });

  it('masks all but the region and the last four, and phones all but 3 + 4 digits', () => {
    expect(maskCitizenId('420111198001011234')).toBe('4201**********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(isMobilePhone('13812345678')).toBe(true);
    expect(isMobilePhone('12812345678')).toBe(false);
  });

  it('builds card numbers with a Luhn check digit and refuses any single-digit change', () => {
    const card = cardNumberFrom('12345678901234');
    expect(card).toMatch(/^8\d{15}$/);
    expect(isCardNumber(card)).toBe(true);
    for (let i = 1; i < 16; i += 1) {
      const changed = `${card.slice(0, i)}${(Number(card[i]) + 1) % 10}${card.slice(i + 1)}`;
      expect(isCardNumber(changed)).toBe(false);
    }
    expect(() => cardNumberFrom('123')).toThrow();
  });
});
