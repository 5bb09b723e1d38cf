import { z } from 'zod';
import { isIsoDate } from '@lianjian/calendar';
import { ConfigurationError } from './configuration-error';

/**
 * Environment settings read through a zod schema at start-up: `parseEnv(schema, process.env)` returns typed settings
 * or throws a ConfigurationError naming every setting that is missing or wrong. The building blocks below say in
 * their messages what a setting must be.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw ConfigurationError.fromZod(parsed.error);
  return parsed.data;
}

const missingOr = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === '' ? 'is required' : `must be ${what}`;

/** A required text setting (an empty value is missing). */
export const requiredText = (what = 'a text') => z.string({ error: missingOr(what) }).min(1, { error: 'is required' });

/** An optional text setting: unset or empty is null. */
export const optionalText = () =>
  z
    .string()
    .optional()
    .transform((v) => (v ? v : null));

/** A whole number within bounds, from its decimal text; unset takes the default. */
export const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^-?\d+$/, { error: `must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `must be a whole number from ${min} to ${max}` })
        .max(max, { error: `must be a whole number from ${min} to ${max}` }),
    )
    .optional()
    .transform((v) => v ?? fallback);

export const port = (fallback: number) => integer(1, 65_535, fallback);

/** `true` or `false`; unset takes the default. */
export const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true'));

/** A MongoDB connection string. */
export const mongodbUri = () =>
  requiredText('a mongodb:// or mongodb+srv:// connection string').regex(/^mongodb(\+srv)?:\/\/\S+$/, {
    error: 'must be a mongodb:// or mongodb+srv:// connection string',
  });

/** Kafka brokers, `host:port` separated by commas. */
export const kafkaBrokers = () =>
  requiredText('host:port pairs separated by commas')
    .transform((v) => v.split(',').map((b) => b.trim()))
    .refine((brokers) => brokers.every((b) => /^[^\s:,]+:\d{1,5}$/.test(b)), {
      error: 'must be host:port pairs separated by commas',
    });

/** A calendar date `YYYY-MM-DD` that exists, or unset (null). */
export const optionalCalendarDate = () =>
  z
    .string()
    .refine((v) => isIsoDate(v), { error: 'must be a calendar date YYYY-MM-DD' })
    .optional()
    .transform((v) => v ?? null);

/** A size such as `64mb` (b, kb, mb, gb); unset takes the default. */
export const byteSize = (fallback: string) =>
  z
    .string()
    .regex(/^\d+(b|kb|mb|gb)$/i, { error: 'must be a size such as 64mb (b, kb, mb or gb)' })
    .optional()
    .transform((v) => v ?? fallback);

/** Log levels, most severe first (pino's names; `silent` logs nothing). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A log level (`fatal` … `trace`, or `silent`); unset takes the default. */
export const logLevel = (fallback: LogLevel) =>
  z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
    .optional()
    .transform((v) => v ?? fallback);
