import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  organizationId: 'b-2',
  reason: 'a member was registered to it while it was being dissolved',
  effectiveOn: '2024-03-01',
};
