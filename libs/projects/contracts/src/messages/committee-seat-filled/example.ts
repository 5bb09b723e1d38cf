import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  councilId: 'jc-1',
  seatId: 'seat-2',
  title: 'DeputyChair',
  unitId: 'u-2',
  representativeMemberId: '8000000000000002',
  filledOn: '2025-03-15',
};
