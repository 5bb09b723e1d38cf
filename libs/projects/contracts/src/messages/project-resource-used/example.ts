import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  projectId: 'p-1',
  unitId: 'u-2',
  kind: 'Funds',
  quantity: 12800,
  usedOn: '2026-05-10',
};
