import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  projectId: 'p-1',
  commitment: {
    unitId: 'u-2',
    organizationId: 'b-7',
    resources: [
      { kind: 'Funds', quantity: 15000, unit: '元' },
      { kind: 'Volunteers', quantity: 10, unit: '人' },
    ],
    description: '出资更新活动室照明和桌椅，组织青年志愿者协助布置和开放日值守',
  },
  claimedOn: '2026-04-10',
};
