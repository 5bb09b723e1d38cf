import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  projectId: 'p-1',
  scores: [
    { indicator: 'ImplementationPerformance', weight: 0.4, score: 92 },
    { indicator: 'FundsAndBenefit', weight: 0.3, score: 88 },
    { indicator: 'ProcessQuality', weight: 0.3, score: 90 },
  ],
  total: 90.2,
  scoredOn: '2026-06-20',
};
