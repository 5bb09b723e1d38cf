import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  transferId: 't-1',
  letterNumber: '沪黄组转〔2026〕12号',
  issuedOn: '2026-11-20',
  validUntil: '2027-01-19',
  duesPaidUntil: '2026-10',
};
