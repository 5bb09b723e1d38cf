import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = { servicePointId: 'sp-1', closedOn: '2025-03-01' };
