import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  memberId: '8000000000000001',
  organizationId: 'b-1',
  vote: { heldOn: '2027-06-01', votingMembers: 10, attending: 9, inFavour: 8, meetingId: 'mt-2' },
  approvalDueOn: '2027-09-01',
};
