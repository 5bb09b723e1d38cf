import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  councilId: 'jc-1',
  name: '金陵东路社区党建联席会议',
  councilKind: 'JointConference',
  level: 'Community',
  convenerOrganizationId: 'community-1',
  region: { district: 'huangpu', street: 'waitan', community: 'jinling-east' },
  convenedOn: '2025-03-15',
};
