import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  councilId: 'jc-1',
  period: '2026',
  unitId: 'u-3',
  projectId: 'p-1',
  votedOn: '2026-11-20',
};
