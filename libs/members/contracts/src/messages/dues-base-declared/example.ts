import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  memberId: '8000000000000001',
  organizationId: 'b-1',
  category: 'Employed',
  monthlyIncome: 8000,
  effectiveFrom: '2026-11',
};
