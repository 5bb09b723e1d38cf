import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  memberId: '8000000000000001',
  organizationId: 'b-1',
  communityId: 'c-1',
  serviceId: 's-1',
  kind: 'Volunteering',
  on: '2026-04-12',
  hours: 2.5,
  description: 'v1.c2VhbGVkLWVwaA.dGFn.ZGF0YQ',
};
