import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  organizationId: 'b-1',
  electedOn: '2024-03-01',
  termYears: 3,
  termEndsOn: '2027-03-01',
  secretary: { name: '王芳', memberId: '8000000000000001' },
  deputySecretaries: [],
  committeeMembers: [{ name: '李强', memberId: null }],
};
