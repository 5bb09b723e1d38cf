import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  projectId: 'p-1',
  signInId: 'si-1',
  kind: 'Member',
  memberId: '8000000000000001',
  on: '2026-05-10',
};
