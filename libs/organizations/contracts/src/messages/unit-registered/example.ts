import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  unitId: 'u-1',
  name: '外滩科技有限公司',
  kind: 'Enterprise',
  industry: '信息技术',
  employees: 120,
  aboveScale: true,
  buildingId: 'bd-1',
  region: { district: 'huangpu', street: 'waitan', community: null },
};
