import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  memberId: '8000000000000001',
  organizationId: 'b-1',
  flowInId: 'fi-1',
  hostOrganizationId: 'xh-1',
  endedOn: '2027-01-31',
  ending: 'Left',
};
