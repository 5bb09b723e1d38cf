import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '@lianjian/config';
import { DEFAULT_RULES, rulesFor } from '@lianjian/organizations-domain';
import { loadRules, settingsFromEnv } from './settings';

const env = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017',
  KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9093',
  GATEWAY_SUBGRAPH_SECRET: 'secret',
};
const dir = mkdtempSync(path.join(tmpdir(), 'organization-rules-'));
const rulesFile = (content: unknown): string => {
  const file = path.join(dir, `${randomBytes(4).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify(content));
  return file;
};
const problemsOf = (run: () => unknown): readonly string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
};

describe('organizations settings, checked at start-up', () => {
  it('reads good settings with the shipped rules', () => {
    const settings = settingsFromEnv({ ...env, HOST: '127.0.0.1', KAFKA_REPLICATION_FACTOR: '3' });
    expect(settings).toMatchObject({
      port: 4001,
      host: '127.0.0.1',
      kafkaBrokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
      replicationFactor: 3,
      fixedToday: null,
      backgroundWorkers: true,
      topicPrefix: '',
      logLevel: 'info',
    });
    expect(settings.rules).toEqual({ version: 1, defaults: DEFAULT_RULES, districts: {} });
  });

  it('stops on missing settings, naming each', () => {
    expect(problemsOf(() => settingsFromEnv({}))).toEqual([
      'MONGODB_URI: is required',
      'KAFKA_BROKERS: is required',
      'GATEWAY_SUBGRAPH_SECRET: is required',
    ]);
  });

  it('stops on a setting of the wrong type, naming it', () => {
    expect(
      problemsOf(() =>
        settingsFromEnv({
          ...env,
          BACKGROUND_WORKERS: 'no',
          KAFKA_REPLICATION_FACTOR: '0',
          LIANJIAN_TODAY: '2020-13-01',
        }),
      ),
    ).toEqual([
      'BACKGROUND_WORKERS: must be true or false',
      'KAFKA_REPLICATION_FACTOR: must be a whole number from 1 to 100',
      'LIANJIAN_TODAY: must be a calendar date YYYY-MM-DD',
    ]);
  });

  it('takes the log level from LOG_LEVEL and refuses one pino does not know', () => {
    expect(settingsFromEnv({ ...env, LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(problemsOf(() => settingsFromEnv({ ...env, LOG_LEVEL: 'verbose' }))).toEqual([
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it('merges a district override of one meeting cadence deeply over the defaults', () => {
    const rules = loadRules(
      rulesFile({
        version: 2,
        defaults: { defaultTermYears: 5 },
        districts: { pudong: { meetingCadence: { PartyLesson: 'Monthly', ThemeDay: null } } },
      }),
    );
    expect(rulesFor(rules, 'pudong')).toEqual({
      ...DEFAULT_RULES,
      defaultTermYears: 5,
      meetingCadence: { ...DEFAULT_RULES.meetingCadence, PartyLesson: 'Monthly', ThemeDay: null },
    });
    expect(rulesFor(rules, 'xuhui')).toEqual({ ...DEFAULT_RULES, defaultTermYears: 5 });
  });

  it('stops on a bad district override, naming the file, the district and the rule', () => {
    const badCadence = rulesFile({ version: 1, districts: { pudong: { meetingCadence: { PartyLesson: 'Weekly' } } } });
    expect(problemsOf(() => loadRules(badCadence))).toEqual([
      `${badCadence}: districts.pudong.meetingCadence.PartyLesson: must be Monthly, Quarterly, Yearly or null (not required)`,
    ]);
    const unknownMeeting = rulesFile({ version: 1, districts: { pudong: { meetingCadence: { Picnic: 'Yearly' } } } });
    expect(problemsOf(() => loadRules(unknownMeeting))).toEqual([
      `${unknownMeeting}: districts.pudong.meetingCadence: Unrecognized key: "Picnic"`,
    ]);
    const inconsistent = rulesFile({ version: 1, districts: { pudong: { branchCommitteeMinSize: 9 } } });
    expect(problemsOf(() => loadRules(inconsistent))).toEqual([
      `${inconsistent}: districts.pudong.branchCommitteeMinSize: must not exceed branchCommitteeMaxSize`,
    ]);
    const wrongType = rulesFile({ version: 1, districts: { pudong: { defaultTermYears: 0 } } });
    expect(problemsOf(() => loadRules(wrongType))).toEqual([
      `${wrongType}: districts.pudong.defaultTermYears: must be a whole number of years ≥ 1`,
    ]);
  });
});
