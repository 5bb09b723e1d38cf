import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = { resourceId: 'r-2', withdrawnOn: '2026-10-01' };
