import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  organizationId: 'b-1',
  electedOn: '2024-03-01',
  termYears: 3,
  termEndsOn: '2027-03-01',
  secretary: { memberId: '8000000000000001', maskedName: '王*' },
  deputySecretaries: [],
  committeeMembers: [{ memberId: '8000000000000002', maskedName: '李*' }],
};
