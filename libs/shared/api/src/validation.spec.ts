import 'reflect-metadata';
import { validate } from 'class-validator';
import { InputValidationError } from './errors';
import {
  IsCalendarDate,
  IsCalendarMonth,
  calendarDateArg,
  calendarMonthArg,
  optionalCalendarDateArg,
} from './validation';

class Input {
  @IsCalendarDate() on!: unknown;
  @IsCalendarMonth({ each: true }) months!: unknown;
}

const violations = async (on: unknown, months: unknown = ['2026-11']) => {
  const input = Object.assign(new Input(), { on, months });
  return (await validate(input)).map((e) => ({
    property: e.property,
    constraints: Object.values(e.constraints ?? {}),
  }));
};

describe('calendar date validators at the GraphQL edge', () => {
  it.each(['2020-02-30', '2021-02-29', '2020-13-01', '2020-2-1', '20200201', 20200201, null])(
    'refuses %p as a date, naming the property',
    async (on) => {
      expect(await violations(on)).toEqual([
        { property: 'on', constraints: ['on must be a calendar date YYYY-MM-DD'] },
      ]);
    },
  );

  it('takes real dates, leap days included, and real months', async () => {
    expect(await violations('2024-02-29')).toEqual([]);
    expect(await violations('2026-12-31', ['2026-01', '2026-12'])).toEqual([]);
  });

  it('refuses a month that does not exist in a list of months', async () => {
    expect(await violations('2026-01-01', ['2026-12', '2026-13'])).toEqual([
      { property: 'months', constraints: ['each value in months must be a month YYYY-MM'] },
    ]);
  });

  it('checks plain query arguments, with the argument as the field', () => {
    expect(calendarDateArg('2024-02-29', 'date')).toBe('2024-02-29');
    expect(optionalCalendarDateArg(null, 'asOf')).toBeNull();
    expect(optionalCalendarDateArg(undefined, 'asOf')).toBeNull();
    expect(calendarMonthArg('2026-11', 'fromMonth')).toBe('2026-11');
    for (const [run, field] of [
      [() => calendarDateArg('2021-02-29', 'date'), 'date'],
      [() => optionalCalendarDateArg('2020-02-30', 'from'), 'from'],
      [() => calendarMonthArg('2026-13', 'fromMonth'), 'fromMonth'],
    ] as const) {
      let thrown: unknown = null;
      try {
        run();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InputValidationError);
      expect((thrown as InputValidationError).violations.map((v) => v.field)).toEqual([field]);
    }
  });
});
