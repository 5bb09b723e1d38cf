import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  transferId: 't-1',
  approverId: 'street-1',
  reason: 'v1.nnnn.oooo.pppp',
  sentBackOn: '2026-11-20',
};
