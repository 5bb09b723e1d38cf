import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  projectId: 'p-1',
  approverOrganizationId: 'community-1',
  approvedOn: '2026-04-02',
};
