import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  memberId: '8000000000000001',
  organizationId: 'b-1',
  status: 'Retained',
  previousStatus: 'Normal',
  on: '2026-06-01',
  reason: 'v1.c2VhbGVkLWVwaA.dGFn.ZGF0YQ',
};
