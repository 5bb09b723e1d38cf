import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  organizationId: 'b-1',
  organizationType: 'GeneralBranch',
  previousType: 'Branch',
  effectiveOn: '2024-03-01',
  documentNumber: null,
};
