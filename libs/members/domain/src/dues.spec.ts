import { collectionRate, monthlyDues, roundDues } from './dues';
import { DEFAULT_MEMBER_RULES, memberRulesFor } from './rules';

const rules = DEFAULT_MEMBER_RULES;

describe('monthly dues from the brackets of the brief', () => {
  it.each([
    ['Employed', 3000, 15],
    ['Employed', 3000.01, 30],
    ['Employed', 5000, 50],
    ['Employed', 8000, 120],
    ['Employed', 10000, 150],
    ['Employed', 12345.67, 246.91],
    ['Retired', 5000, 25],
    ['Retired', 6000, 60],
    ['Student', null, 0.2],
    ['Unemployed', null, 0.2],
    ['Relief', null, 0.2],
    ['Farmer', null, 0.2],
  ] as const)('given a %s member earning %s, then the monthly dues are %s yuan', (category, income, amount) => {
    expect(monthlyDues(category, income, rules)).toBe(amount);
  });

  it('refuses to bill an income-based category without an income', () => {
    expect(() => monthlyDues('Employed', null, rules)).toThrow(
      expect.objectContaining({ code: 'DUES_INCOME_REQUIRED', field: 'monthlyIncome' }),
    );
  });

  it('rounds half up to the configured unit', () => {
    expect(roundDues(0.125, 'fen')).toBe(0.13);
    expect(roundDues(1.25, 'jiao')).toBe(1.3);
    expect(roundDues(12.5, 'yuan')).toBe(13);
    expect(monthlyDues('Employed', 3333, { ...rules, duesRounding: 'jiao' })).toBe(33.3);
  });

  it('lets a district override a category (farmers: the province sets 0.2–1 yuan)', () => {
    const config = {
      version: 1,
      defaults: rules,
      districts: { chongming: { dues: { ...rules.dues, Farmer: { kind: 'fixed' as const, amount: 0.5 } } } },
    };
    expect(monthlyDues('Farmer', null, memberRulesFor(config, 'chongming'))).toBe(0.5);
    expect(monthlyDues('Farmer', null, memberRulesFor(config, 'huangpu'))).toBe(0.2);
  });

  it('computes collection rates, 0 when nothing was billed', () => {
    expect(collectionRate(300, 240)).toBe(0.8);
    expect(collectionRate(0, 0)).toBe(0);
  });
});
