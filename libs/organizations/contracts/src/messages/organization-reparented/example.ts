import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  organizationId: 'b-1',
  parentId: 'street-2',
  previousParentId: 'street-1',
  effectiveOn: '2024-03-01',
  documentNumber: '沪黄组〔2024〕3号',
};
