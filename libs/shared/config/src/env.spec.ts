import { z } from 'zod';
import { ConfigurationError } from './configuration-error';
import {
  byteSize,
  flag,
  integer,
  kafkaBrokers,
  mongodbUri,
  optionalCalendarDate,
  optionalText,
  parseEnv,
  port,
  requiredText,
} from './env';

const schema = z.object({
  PORT: port(4000),
  MONGODB_URI: mongodbUri(),
  KAFKA_BROKERS: kafkaBrokers(),
  SECRET: requiredText(),
  WORKERS: flag(true),
  OFFSET: integer(-720, 840, 480),
  TODAY: optionalCalendarDate(),
  LIMIT: byteSize('64mb'),
  FILE: optionalText(),
});
const good = { MONGODB_URI: 'mongodb://127.0.0.1:27017', KAFKA_BROKERS: 'a:9092, b:9093', SECRET: 's3cret' };

const problemsOf = (env: NodeJS.ProcessEnv): readonly string[] => {
  try {
    parseEnv(schema, env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
};

describe('settings from the environment', () => {
  it('reads good settings, with the defaults of those not set', () => {
    expect(parseEnv(schema, { ...good, UNRELATED: 'x' })).toEqual({
      PORT: 4000,
      MONGODB_URI: 'mongodb://127.0.0.1:27017',
      KAFKA_BROKERS: ['a:9092', 'b:9093'],
      SECRET: 's3cret',
      WORKERS: true,
      OFFSET: 480,
      TODAY: null,
      LIMIT: '64mb',
      FILE: null,
    });
    expect(
      parseEnv(schema, {
        ...good,
        PORT: '4100',
        WORKERS: 'false',
        OFFSET: '-300',
        TODAY: '2024-02-29',
        LIMIT: '1mb',
        FILE: '/x',
      }),
    ).toMatchObject({
      PORT: 4100,
      WORKERS: false,
      OFFSET: -300,
      TODAY: '2024-02-29',
      LIMIT: '1mb',
      FILE: '/x',
    });
  });

  it('names every missing setting at once', () => {
    expect(problemsOf({})).toEqual(['MONGODB_URI: is required', 'KAFKA_BROKERS: is required', 'SECRET: is required']);
    expect(problemsOf({ ...good, SECRET: '' })).toEqual(['SECRET: is required']);
  });

  it('names each setting of the wrong type or form, and says what it must be', () => {
    expect(
      problemsOf({
        ...good,
        PORT: 'http',
        WORKERS: 'yes',
        OFFSET: '1.5',
        TODAY: '2021-02-29',
        LIMIT: 'lots',
        MONGODB_URI: 'postgres://x',
        KAFKA_BROKERS: 'a',
      }),
    ).toEqual([
      'PORT: must be a whole number from 1 to 65535',
      'MONGODB_URI: must be a mongodb:// or mongodb+srv:// connection string',
      'KAFKA_BROKERS: must be host:port pairs separated by commas',
      'WORKERS: must be true or false',
      'OFFSET: must be a whole number from -720 to 840',
      'TODAY: must be a calendar date YYYY-MM-DD',
      'LIMIT: must be a size such as 64mb (b, kb, mb or gb)',
    ]);
    expect(problemsOf({ ...good, PORT: '70000' })).toEqual(['PORT: must be a whole number from 1 to 65535']);
  });

  it('never repeats a value in the message (settings hold secrets)', () => {
    try {
      parseEnv(schema, { ...good, SECRET: 's3cret', PORT: 'hunter2' });
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
      expect((error as Error).message).toBe('invalid configuration:\n  - PORT: must be a whole number from 1 to 65535');
      return;
    }
    throw new Error('expected a ConfigurationError');
  });
});
