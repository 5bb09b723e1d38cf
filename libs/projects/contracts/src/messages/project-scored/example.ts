import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  projectId: 'p-1',
  scores: [
    { indicator: '实施绩效', weight: 0.4, score: 92 },
    { indicator: '资金使用与效益', weight: 0.35, score: 88 },
    { indicator: '过程质量', weight: 0.25, score: 90 },
  ],
  total: 90.1,
  scoredOn: '2026-06-20',
};
