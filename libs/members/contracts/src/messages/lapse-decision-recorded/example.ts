import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  memberId: '8000000000000001',
  organizationId: 'b-1',
  decision: 'Remove',
  reasons: ['连续六个月不参加组织生活'],
  branchDecidedOn: '2026-11-01',
  approvedOn: '2026-11-10',
  approverOrganizationId: 'street-1',
};
