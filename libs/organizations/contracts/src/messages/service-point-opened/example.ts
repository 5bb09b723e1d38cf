import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  servicePointId: 'sp-1',
  name: '外滩中心党群服务站',
  kind: 'ServiceStation',
  hostOrganizationId: 'b-1',
  buildingId: 'bd-1',
  region: { district: 'huangpu', street: 'waitan', community: null },
  openedOn: '2024-03-01',
};
