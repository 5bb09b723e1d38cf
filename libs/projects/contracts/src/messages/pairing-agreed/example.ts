import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  pairingId: 'pr-1',
  councilId: 'jc-1',
  organizationIds: ['b-1', 'b-7'],
  commitments: [
    { organizationId: 'b-1', commitment: '每季度组织党员到结对单位开展一次志愿服务' },
    { organizationId: 'b-7', commitment: '开放单位会议室供社区党组织开展活动' },
  ],
  from: '2026-01-01',
  until: '2027-12-31',
};
