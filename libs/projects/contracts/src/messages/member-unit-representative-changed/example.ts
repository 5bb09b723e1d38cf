import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  councilId: 'jc-1',
  unitId: 'u-2',
  representativeMemberId: '8000000000000003',
  changedOn: '2026-01-08',
};
