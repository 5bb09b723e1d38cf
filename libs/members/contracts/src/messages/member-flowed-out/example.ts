import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  memberId: '8000000000000001',
  organizationId: 'b-1',
  flowOutId: 'fo-1',
  destination: '江苏省苏州市',
  hostOrganizationId: null,
  hostName: '苏州工业园区某公司党支部',
  from: '2026-09-01',
  until: '2027-02-28',
  contact: 'v1.c2VhbGVkLWVwaA.dGFn.ZGF0YQ',
  registeredOn: '2026-09-03',
};
