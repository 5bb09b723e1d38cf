import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  councilId: 'jc-1',
  unitId: 'u-2',
  organizationId: 'b-7',
  representativeMemberId: '8000000000000002',
  joinedOn: '2025-03-15',
};
