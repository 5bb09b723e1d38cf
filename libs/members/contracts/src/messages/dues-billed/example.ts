import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  memberId: '8000000000000001',
  organizationId: 'b-1',
  month: '2026-11',
  amount: 80,
  standardAmount: 80,
  reductionId: null,
};
