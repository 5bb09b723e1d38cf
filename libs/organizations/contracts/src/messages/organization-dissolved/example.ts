import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  organizationId: 'b-2',
  reason: '单位注销',
  effectiveOn: '2024-03-01',
  documentNumber: '沪黄组〔2024〕6号',
};
