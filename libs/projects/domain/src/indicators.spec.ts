import { refusalOf } from './decider.testing';
import {
  DEFAULT_INDICATOR_CONFIGURATION,
  type IndicatorConfiguration,
  assertIndicatorConfiguration,
  indicatorSetFor,
} from './indicators';

const config: IndicatorConfiguration = {
  version: 3,
  defaults: {
    weights: { ImplementationPerformance: 0.4, FundsAndBenefit: 0.3, ProcessQuality: 0.3 },
    categories: { AwardsAndCreation: { ImplementationPerformance: 0.7, FundsAndBenefit: 0, ProcessQuality: 0.3 } },
  },
  districts: {
    'd-2': { weights: { ImplementationPerformance: 0.5, FundsAndBenefit: 0.25, ProcessQuality: 0.25 } },
    'd-3': {
      categories: { PublicServices: { ImplementationPerformance: 0.2, FundsAndBenefit: 0.6, ProcessQuality: 0.2 } },
    },
  },
};
const weights = (category: Parameters<typeof indicatorSetFor>[1], district: string) =>
  indicatorSetFor(config, category, district).indicators.map((i) => [i.indicator, i.weight]);

describe('the indicator set a project is scored on', () => {
  it('is by default implementation performance, funds and benefit, process quality, weighted 0.4 / 0.3 / 0.3', () => {
    expect(indicatorSetFor(DEFAULT_INDICATOR_CONFIGURATION, 'SocialValue', 'd-1')).toEqual({
      version: 1,
      category: 'SocialValue',
      district: 'd-1',
      indicators: [
        { indicator: 'ImplementationPerformance', weight: 0.4 },
        { indicator: 'FundsAndBenefit', weight: 0.3 },
        { indicator: 'ProcessQuality', weight: 0.3 },
      ],
    });
    expect(() => assertIndicatorConfiguration(DEFAULT_INDICATOR_CONFIGURATION)).not.toThrow();
  });

  it("takes the district's weights for the category, then the district's, then the category's, then the defaults", () => {
    expect(weights('PublicServices', 'd-3')).toEqual([
      ['ImplementationPerformance', 0.2],
      ['FundsAndBenefit', 0.6],
      ['ProcessQuality', 0.2],
    ]);
    expect(weights('SocialValue', 'd-3')).toEqual([
      ['ImplementationPerformance', 0.4],
      ['FundsAndBenefit', 0.3],
      ['ProcessQuality', 0.3],
    ]);
    expect(weights('AwardsAndCreation', 'd-2')).toEqual([
      ['ImplementationPerformance', 0.5],
      ['FundsAndBenefit', 0.25],
      ['ProcessQuality', 0.25],
    ]);
    expect(weights('AwardsAndCreation', 'd-1')).toEqual([
      ['ImplementationPerformance', 0.7],
      ['ProcessQuality', 0.3],
    ]); // an indicator weighing 0 is not in the set
    expect(indicatorSetFor(config, 'SocialValue', 'd-2').version).toBe(3);
  });

  it('refuses weights that do not add up to 1, or lie outside 0–1, or name no indicator', () => {
    const broken = (w: Record<string, number>): IndicatorConfiguration => ({
      ...config,
      districts: { 'd-9': { weights: w as never } },
    });
    for (const w of <Array<Record<string, number>>>[
      { ImplementationPerformance: 0.5, FundsAndBenefit: 0.3, ProcessQuality: 0.3 },
      { ImplementationPerformance: 1.2, FundsAndBenefit: -0.1, ProcessQuality: -0.1 },
      { ImplementationPerformance: 0.4, FundsAndBenefit: 0.3 },
      { ImplementationPerformance: 0.4, FundsAndBenefit: 0.3, ProcessQuality: 0.3, Beauty: 0 },
    ]) {
      expect(refusalOf(() => indicatorSetFor(broken(w), 'SocialValue', 'd-9'))).toEqual({
        code: 'INDICATOR_SET_INVALID',
        field: 'weights',
      });
      expect(refusalOf(() => assertIndicatorConfiguration(broken(w)))).toEqual({
        code: 'INDICATOR_SET_INVALID',
        field: 'weights',
      });
    }
    expect(() => assertIndicatorConfiguration(config)).not.toThrow();
    expect(refusalOf(() => assertIndicatorConfiguration({ ...config, version: 0 }))).toEqual({
      code: 'INDICATOR_SET_INVALID',
      field: 'version',
    });
  });
});
