import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  transferId: 't-1',
  memberId: '8000000000000001',
  scope: 'AcrossDistricts',
  fromOrganizationId: 'b-1',
  fromDistrict: 'huangpu',
  toOrganizationId: 'b-2',
  toDistrict: 'jingan',
  outsideOrganization: null,
  acrossProvinces: false,
  reason: 'v1.nnnn.oooo.pppp',
  letterNumber: '沪黄组转〔2026〕12号',
  validityMonths: 2,
  duesPaidUntil: '2026-10',
  arrearsMonths: 0,
  expectedReportOn: null,
  approvalPath: ['street-1', 'huangpu', 'city', 'jingan', 'street-9'],
  initiatedOn: '2026-11-20',
};
