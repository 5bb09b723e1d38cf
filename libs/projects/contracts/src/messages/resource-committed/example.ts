import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  resourceId: 'r-1',
  projectId: 'p-1',
  quantity: 15000,
  committedOn: '2026-04-10',
};
