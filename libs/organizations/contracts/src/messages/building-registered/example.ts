import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  buildingId: 'bd-1',
  name: '外滩中心',
  kind: 'Building',
  address: '中山东一路1号',
  region: { district: 'huangpu', street: 'waitan', community: null },
};
