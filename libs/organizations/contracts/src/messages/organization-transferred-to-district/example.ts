import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  organizationId: 'b-1',
  region: { district: 'xuhui', street: null, community: null },
  previousRegion: { district: 'huangpu', street: 'waitan', community: null },
  parentId: 'xh-1',
  previousParentId: 'street-1',
  effectiveOn: '2024-03-01',
  documentNumber: '沪组〔2024〕8号',
};
