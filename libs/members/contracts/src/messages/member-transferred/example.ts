import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  memberId: '8000000000000001',
  organizationId: 'b-2',
  transferId: 't-1',
  cause: 'Transfer',
  scope: 'AcrossDistricts',
  fromOrganizationId: 'b-1',
  fromDistrict: 'huangpu',
  toOrganizationId: 'b-2',
  toDistrict: 'jingan',
  transferredOn: '2026-11-20',
  counted: true,
};
