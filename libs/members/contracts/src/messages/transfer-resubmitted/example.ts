import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = { transferId: 't-1', resubmittedOn: '2026-11-20' };
