import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = { councilId: 'jc-1', seatId: 'seat-2', vacatedOn: '2026-01-08' };
