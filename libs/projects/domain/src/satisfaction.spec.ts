import { satisfactionRate, weightedScore } from './satisfaction';

describe('satisfaction and the council score', () => {
  it('counts very satisfied, satisfied and basically satisfied as satisfied; nothing rated is no rate', () => {
    expect(satisfactionRate({ VerySatisfied: 5, Satisfied: 3, BasicallySatisfied: 1, Dissatisfied: 1 })).toBe(0.9);
    expect(satisfactionRate({ VerySatisfied: 0, Satisfied: 0, BasicallySatisfied: 0, Dissatisfied: 0 })).toBeNull();
  });
  it('weighs the indicators, whose weights add up to 1, each scored 0–100', () => {
    expect(
      weightedScore([
        { indicator: 'a', weight: 0.5, score: 80 },
        { indicator: 'b', weight: 0.5, score: 91 },
      ]),
    ).toBe(85.5);
    expect(() => weightedScore([{ indicator: 'a', weight: 1, score: 101 }])).toThrow('between 0 and 100');
    expect(() =>
      weightedScore([
        { indicator: 'a', weight: 0.5, score: 1 },
        { indicator: 'a', weight: 0.5, score: 1 },
      ]),
    ).toThrow('scored once');
  });
});
