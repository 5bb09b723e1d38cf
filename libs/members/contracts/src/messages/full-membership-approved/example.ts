import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  memberId: '8000000000000001',
  organizationId: 'b-1',
  approvedOn: '2027-07-01',
  approverOrganizationId: 'street-1',
  fullMembershipOn: '2027-06-01',
};
