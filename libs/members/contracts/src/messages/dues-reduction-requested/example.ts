import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  memberId: '8000000000000001',
  organizationId: 'b-1',
  reductionId: 'red-1',
  kind: 'Reduction',
  fromMonth: '2026-12',
  toMonth: '2027-05',
  monthlyAmount: 20,
  reason: 'v1.c2VhbGVkLWVwaA.dGFn.ZGF0YQ',
  requestedOn: '2026-11-20',
};
