import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  organizationId: 'b-1',
  name: '外滩街道第一党支部',
  organizationType: 'Branch',
  parentId: 'street-1',
  region: { district: 'huangpu', street: 'waitan', community: null },
  buildingId: null,
  establishedOn: '2020-07-01',
  documentNumber: '沪黄组〔2020〕12号',
};
