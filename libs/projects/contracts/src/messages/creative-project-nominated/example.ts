import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  councilId: 'jc-1',
  period: '2026',
  projectId: 'p-1',
  nominatedOn: '2026-11-10',
};
