import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  transferId: 't-1',
  memberId: '8000000000000001',
  toOrganizationId: 'b-2',
  reportedOn: '2026-11-25',
};
