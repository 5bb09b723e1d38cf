import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  memberId: '8000000000000001',
  organizationId: 'b-1',
  flowInId: 'fi-1',
  hostOrganizationId: 'xh-1',
  hostName: '徐汇区某联合党支部',
  from: '2026-09-05',
  until: null,
  contact: 'v1.c2VhbGVkLWVwaA.dGFn.ZGF0YQ',
  flowOutId: 'fo-1',
  registeredOn: '2026-09-06',
};
