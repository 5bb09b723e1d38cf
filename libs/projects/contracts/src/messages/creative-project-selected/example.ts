import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  councilId: 'jc-1',
  period: '2026',
  projectId: 'p-1',
  votes: 9,
  tally: [
    { projectId: 'p-1', votes: 9 },
    { projectId: 'p-4', votes: 5 },
    { projectId: 'p-2', votes: 3 },
  ],
  selectedOn: '2026-11-25',
};
