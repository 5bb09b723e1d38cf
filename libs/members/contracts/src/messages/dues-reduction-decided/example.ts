import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  memberId: '8000000000000001',
  organizationId: 'b-1',
  reductionId: 'red-1',
  level: 'Branch',
  approved: true,
  decidedOn: '2026-11-21',
  deciderOrganizationId: 'b-1',
  reason: 'v1.c2VhbGVkLWVwaA.dGFn.ZGF0YQ',
};
