import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  organizationId: 'b-1',
  unitIds: ['u-1', 'u-2'],
  effectiveOn: '2024-03-01',
};
