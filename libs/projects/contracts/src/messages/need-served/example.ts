import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = { needId: 'n-1', servedOn: '2026-05-31', projectId: 'p-1' };
