import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = { projectId: 'p-1', startedOn: '2026-04-15' };
