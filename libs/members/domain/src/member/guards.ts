import { type IsoDate } from '@lianjian/calendar';
import { refuse } from '../errors';
import { type MemberRules } from '../rules';
import { type Member } from './state';

/** What every command on a member carries: the day it is decided on, and the rules in force. */
export interface Dated {
  readonly today: IsoDate;
  readonly rules: MemberRules;
}

/** The ids every member event carries. */
export const idsOf = (m: Member): { memberId: string; organizationId: string } => ({
  memberId: m.id,
  organizationId: m.organizationId,
});

export function notFuture(date: IsoDate, today: IsoDate, field: string): IsoDate {
  if (date > today) refuse('DATE_IN_FUTURE', `${field} (${date}) is after today (${today})`, field);
  return date;
}

export function after(date: IsoDate, earliest: IsoDate | null, field: string, what: string): void {
  if (earliest && date < earliest)
    refuse('DATE_OUT_OF_ORDER', `${field} (${date}) is before ${what} (${earliest})`, field);
}
