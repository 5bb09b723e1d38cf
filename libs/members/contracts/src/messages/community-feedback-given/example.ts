import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  memberId: '8000000000000001',
  organizationId: 'b-1',
  communityId: 'c-1',
  feedbackId: 'f-1',
  rating: 'Excellent',
  comment: 'v1.c2VhbGVkLWVwaA.dGFn.ZGF0YQ',
  givenOn: '2026-12-20',
};
