import {
  addDays,
  addMonths,
  addMonthsToMonth,
  addYears,
  ageOn,
  isIsoDate,
  isIsoMonth,
  isoDateAt,
  monthOf,
  monthRange,
  monthsBetween,
  parseIsoDate,
  toIsoDate,
} from './calendar';

describe('calendar dates', () => {
  it.each(['2020-02-30', '2021-02-29', '2020-13-01', '2020-00-10', '2020-04-31', '2020-01-00', '2020-01-32'])(
    'refuses the impossible date %s',
    (text) => {
      expect(isIsoDate(text)).toBe(false);
      expect(parseIsoDate(text)).toBeNull();
    },
  );

  it.each([
    '2020-2-28',
    '20200228',
    '+002020-02-28',
    '2020-02-28T10:00',
    '2020-02-28Z',
    ' 2020-02-28',
    '',
    null,
    20200228,
  ])('refuses %p, which is not the text YYYY-MM-DD', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });

  it.each(['2020-02-29', '2024-02-29', '2000-02-29', '2021-02-28', '1900-01-01', '2026-12-31'])(
    'takes the real date %s',
    (text) => {
      expect(isIsoDate(text)).toBe(true);
      expect(parseIsoDate(text)?.toString()).toBe(text);
    },
  );

  it('refuses 29 February in a century year that is not a leap year', () => {
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2021-02-28', 1)).toBe('2021-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-01', 90)).toBe('2026-04-01');
  });

  it('adds months, falling back to the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2025-10-31', 12)).toBe('2026-10-31');
    expect(addMonths('2026-08-15', 6)).toBe('2027-02-15');
  });

  it('adds years the same way in both services: 29 February falls back to 28 February', () => {
    expect(addYears('2020-02-29', 1)).toBe('2021-02-28');
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
    expect(addYears('2020-02-29', -1)).toBe('2019-02-28');
    expect(addYears('2023-06-30', 3)).toBe('2026-06-30');
  });

  it('refuses arithmetic on a text that is not a date (a programming error, not a silent wrong day)', () => {
    expect(() => addDays('2020-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('2020-13-01', 1)).toThrow(RangeError);
    expect(() => addYears('not a date', 1)).toThrow(RangeError);
  });

  it('counts an age in whole years; a 29 February birthday is reached on 1 March in a common year', () => {
    expect(ageOn('2008-11-22', '2026-11-21')).toBe(17);
    expect(ageOn('2008-11-22', '2026-11-22')).toBe(18);
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
    expect(ageOn('2000-02-29', '2020-02-29')).toBe(20);
  });
});

describe('calendar months', () => {
  it('knows a month YYYY-MM', () => {
    expect(isIsoMonth('2026-01')).toBe(true);
    expect(isIsoMonth('2026-12')).toBe(true);
    expect(isIsoMonth('2026-13')).toBe(false);
    expect(isIsoMonth('2026-00')).toBe(false);
    expect(isIsoMonth('2026-1')).toBe(false);
    expect(monthOf('2026-11-22')).toBe('2026-11');
  });

  it('adds months to a month, counts and lists months', () => {
    expect(addMonthsToMonth('2026-11', 2)).toBe('2027-01');
    expect(addMonthsToMonth('2026-03', -6)).toBe('2025-09');
    expect(monthsBetween('2026-01', '2026-07')).toBe(6);
    expect(monthsBetween('2025-11', '2026-02')).toBe(3);
    expect(monthsBetween('2026-07', '2026-01')).toBe(-6);
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-02', '2026-01')).toEqual([]);
  });
});

describe('the day of an instant', () => {
  it('is the UTC day, or the day at a fixed offset', () => {
    const instant = new Date('2026-11-22T17:30:00Z');
    expect(toIsoDate(instant)).toBe('2026-11-22');
    expect(isoDateAt(instant, 480)).toBe('2026-11-23'); // 01:30 in Shanghai
    expect(isoDateAt(instant, -480)).toBe('2026-11-22');
  });
});
