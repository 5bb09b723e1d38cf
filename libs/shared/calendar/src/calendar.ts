import { Temporal } from 'temporal-polyfill';

/**
 * Calendar dates and months of every service, in one place (docs/adr/0017-dates-configuration-and-plumbing-libraries.md).
 *
 * A date travels as its ISO text, `YYYY-MM-DD` (events, documents, GraphQL), and is always a day that exists:
 * `isIsoDate` refuses `2020-02-30`, `2021-02-29` and `2020-13-01`. The arithmetic is Temporal's `PlainDate` (the
 * polyfill, or the runtime's own Temporal where it has one): a calendar date without a time or a time zone, so no
 * local-time or daylight-saving effect can move a day. A day the target month lacks falls back to the month's
 * last day (31 January + 1 month is 28 or 29 February; 29 February + 1 year is 28 February).
 */

/** An ISO calendar date, `YYYY-MM-DD`, that exists in the calendar. */
export type IsoDate = string;
/** A calendar month, `YYYY-MM`. */
export type IsoMonth = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The calendar date the text names, or null when it is not exactly `YYYY-MM-DD` or names a day that does not exist.
 * (Temporal alone would also take `20200228`, `+002020-02-28` or a date-time: the text form is ours to fix.)
 */
export function parseIsoDate(value: unknown): Temporal.PlainDate | null {
  if (typeof value !== 'string') return null;
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  try {
    return Temporal.PlainDate.from(
      { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
      { overflow: 'reject' },
    );
  } catch {
    return null;
  }
}

/** `YYYY-MM-DD` naming a day that exists. */
export const isIsoDate = (value: unknown): value is IsoDate => parseIsoDate(value) !== null;

/** `YYYY-MM` with a month from 01 to 12. */
export const isIsoMonth = (value: unknown): value is IsoMonth => typeof value === 'string' && ISO_MONTH.test(value);

/** A date already checked at the edge; a malformed one here is a programming error, not an input error. */
function dateOf(date: IsoDate): Temporal.PlainDate {
  const parsed = parseIsoDate(date);
  if (!parsed) throw new RangeError(`not a calendar date YYYY-MM-DD: ${JSON.stringify(date)}`);
  return parsed;
}

const text = (date: Temporal.PlainDate): IsoDate => date.toString();

export const addDays = (date: IsoDate, days: number): IsoDate => text(dateOf(date).add({ days }));

/** The same day `months` later (or earlier); a day the target month lacks falls back to its last day. */
export const addMonths = (date: IsoDate, months: number): IsoDate =>
  text(dateOf(date).add({ months }, { overflow: 'constrain' }));

/** The same day `years` later (or earlier); 29 February falls back to 28 February. */
export const addYears = (date: IsoDate, years: number): IsoDate =>
  text(dateOf(date).add({ years }, { overflow: 'constrain' }));

/** Age in whole years on a date (a birthday on 29 February is reached on 1 March in other years). */
export const ageOn = (birthDate: IsoDate, date: IsoDate): number =>
  dateOf(birthDate).until(dateOf(date), { largestUnit: 'years' }).years;

export const monthOf = (date: IsoDate): IsoMonth => date.slice(0, 7);

function monthOfText(month: IsoMonth): Temporal.PlainYearMonth {
  if (!isIsoMonth(month)) throw new RangeError(`not a month YYYY-MM: ${JSON.stringify(month)}`);
  return Temporal.PlainYearMonth.from(month);
}

export const addMonthsToMonth = (month: IsoMonth, months: number): IsoMonth =>
  monthOfText(month).add({ months }).toString();

/** Whole months from `from` to `to` (`2026-01` → `2026-07` is 6; negative when `to` is earlier). */
export const monthsBetween = (from: IsoMonth, to: IsoMonth): number =>
  monthOfText(from).until(monthOfText(to), { largestUnit: 'months' }).months;

/** Every month from `from` to `to`, both included (empty when `to` is earlier). */
export function monthRange(from: IsoMonth, to: IsoMonth): IsoMonth[] {
  const months: IsoMonth[] = [];
  const last = monthOfText(to);
  for (let m = monthOfText(from); Temporal.PlainYearMonth.compare(m, last) <= 0; m = m.add({ months: 1 }))
    months.push(m.toString());
  return months;
}

/** The UTC calendar day of an instant. */
export const toIsoDate = (instant: Date): IsoDate => instant.toISOString().slice(0, 10);

/** The calendar day of an instant at a fixed offset east of UTC, in minutes (Asia/Shanghai: 480). */
export const isoDateAt = (instant: Date, utcOffsetMinutes: number): IsoDate =>
  toIsoDate(new Date(instant.getTime() + utcOffsetMinutes * 60_000));
