import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  memberId: '8000000000000001',
  organizationId: 'b-1',
  paymentId: 'pay-1',
  months: ['2026-10', '2026-11'],
  amount: 160,
  paidOn: '2026-11-20',
  paidBy: null,
  onBehalf: false,
};
