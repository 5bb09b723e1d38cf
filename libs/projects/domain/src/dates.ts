import { type IsoDate } from '@lianjian/calendar';
import { refuse } from './errors';

/** Every command carries the day it is decided on: no event may be dated after it. */
export interface Dated {
  readonly today: IsoDate;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A 'YYYY-MM-DD' date, not after today. */
export function notFuture(date: IsoDate, today: IsoDate, field: string): IsoDate {
  if (!ISO_DATE.test(date)) refuse('DATE_INVALID', `${field} (${date}) is not a YYYY-MM-DD date`, field);
  if (date > today) refuse('DATE_IN_FUTURE', `${field} (${date}) is after today (${today})`, field);
  return date;
}

/** A date not before the earliest it may be (`what` says what that is, for the message). */
export function notBefore(date: IsoDate, earliest: IsoDate | null, field: string, what: string): IsoDate {
  if (earliest !== null && date < earliest)
    refuse('DATE_OUT_OF_ORDER', `${field} (${date}) is before ${what} (${earliest})`, field);
  return date;
}

/** A 'YYYY-MM-DD' date, which may lie in the future (the bounds of a period, an availability). */
export function validDate(date: IsoDate, field: string): IsoDate {
  if (!ISO_DATE.test(date)) refuse('DATE_INVALID', `${field} (${date}) is not a YYYY-MM-DD date`, field);
  return date;
}

/** The later of two dates (null: none). */
export const latest = (...dates: ReadonlyArray<IsoDate | null>): IsoDate | null =>
  dates.reduce<IsoDate | null>((max, d) => (d !== null && (max === null || d > max) ? d : max), null);

/** A required text: trimmed, refused blank with the code given. */
export function required<C extends Parameters<typeof refuse>[0]>(text: string, code: C, field: string): string {
  const trimmed = text.trim();
  if (!trimmed) refuse(code, `${field} is required`, field);
  return trimmed;
}

/** An optional text: trimmed, blank as null. */
export const optional = (text: string | null | undefined): string | null => (text?.trim() ? text.trim() : null);
