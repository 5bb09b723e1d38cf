import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  transferId: 't-1',
  letterNumber: '沪黄组转〔2027〕3号',
  issuedOn: '2027-01-22',
  validUntil: '2027-03-21',
  duesPaidUntil: '2026-10',
};
