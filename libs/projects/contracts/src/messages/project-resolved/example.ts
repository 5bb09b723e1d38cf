import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  projectId: 'p-1',
  sessionId: 's-3',
  resolution: 2,
  resolvedOn: '2026-03-28',
};
