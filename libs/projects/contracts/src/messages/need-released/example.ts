import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = { needId: 'n-1', projectId: 'p-1', releasedOn: '2026-03-20' };
