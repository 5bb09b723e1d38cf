import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = { needId: 'n-2', unitId: 'u-3', claimedOn: '2026-05-06' };
