import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  projectId: 'p-1',
  councilId: 'jc-1',
  convenerOrganizationId: 'community-1',
  title: '金陵东路社区睦邻活动室改造',
  category: 'PublicServices',
  needIds: ['n-1', 'n-4'],
  region: { district: 'huangpu', street: 'waitan', community: 'jinling-east' },
  proposedOn: '2026-03-20',
};
