import { ValidateBy, type ValidationOptions, buildMessage } from 'class-validator';
import { isIsoDate, isIsoMonth } from '@lianjian/calendar';
import { InputValidationError } from './errors';

const DATE_MESSAGE = 'must be a calendar date YYYY-MM-DD';
const MONTH_MESSAGE = 'must be a month YYYY-MM';

/**
 * A calendar date `YYYY-MM-DD` that exists (`@lianjian/calendar`): `2020-02-30`, `2021-02-29` and `2020-13-01` are
 * refused as BAD_USER_INPUT with the field at fault, like every input failure (docs/adr/0009-errors-and-validation.md).
 */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown): boolean => isIsoDate(value),
        defaultMessage: buildMessage((each) => `${each}$property ${DATE_MESSAGE}`, options),
      },
    },
    options,
  );
}

/** A calendar month `YYYY-MM`, months 01 to 12. */
export function IsCalendarMonth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarMonth',
      validator: {
        validate: (value: unknown): boolean => isIsoMonth(value),
        defaultMessage: buildMessage((each) => `${each}$property ${MONTH_MESSAGE}`, options),
      },
    },
    options,
  );
}

/** A date given as a plain resolver argument (not an input type) must be a real date. */
export function calendarDateArg(value: string, field: string): string {
  if (!isIsoDate(value)) throw InputValidationError.of(field, `${field} ${DATE_MESSAGE}`);
  return value;
}

/** An optional date argument: null stays null, anything else must be a real date. */
export const optionalCalendarDateArg = (value: string | null | undefined, field: string): string | null =>
  value === null || value === undefined ? null : calendarDateArg(value, field);

/** A month given as a plain resolver argument. */
export function calendarMonthArg(value: string, field: string): string {
  if (!isIsoMonth(value)) throw InputValidationError.of(field, `${field} ${MONTH_MESSAGE}`);
  return value;
}
