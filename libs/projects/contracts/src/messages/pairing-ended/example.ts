import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = { pairingId: 'pr-1', endedOn: '2027-12-31', reason: '共建期满' };
