import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  memberId: '8000000000000001',
  organizationId: 'b-1',
  communityId: 'c-1',
  communityName: '某居民区党总支',
  registeredOn: '2026-03-01',
};
