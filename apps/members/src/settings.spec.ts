import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '@lianjian/config';
import { DEFAULT_MEMBER_RULES, memberRulesFor } from '@lianjian/members-domain';
import { DEFAULT_LETTER_FONT } from './infrastructure/transfer-letter/letter-font';
import { loadMemberRules, settingsFromEnv } from './settings';

const key = randomBytes(32).toString('base64');
const env = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017',
  KAFKA_BROKERS: '127.0.0.1:9092',
  GATEWAY_SUBGRAPH_SECRET: 'secret',
  MEMBERS_MASTER_KEY: key,
};
const dir = mkdtempSync(path.join(tmpdir(), 'member-rules-'));
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

describe('members settings, checked at start-up', () => {
  it('reads good settings with the shipped rules: a district override merged over the defaults', () => {
    const settings = settingsFromEnv({
      ...env,
      PORT: '4102',
      LIANJIAN_TODAY: '2024-02-29',
      BACKGROUND_WORKERS: 'false',
    });
    expect(settings).toMatchObject({
      port: 4102,
      host: '0.0.0.0',
      database: 'lianjian_members',
      kafkaBrokers: ['127.0.0.1:9092'],
      fixedToday: '2024-02-29',
      backgroundWorkers: false,
      bodyLimit: '64mb',
      revealLimits: { perRequest: 20, perHour: 200 },
      utcOffsetMinutes: 480,
    });
    expect(settings.masterKey.toString('base64')).toBe(key);
    expect(settings.rules.defaults).toEqual(DEFAULT_MEMBER_RULES);
    expect(memberRulesFor(settings.rules, 'pudong')).toEqual({
      ...DEFAULT_MEMBER_RULES,
      minActivistMonths: 12,
      probationDueWithinDays: 45,
    });
  });

  it('stops on a missing setting, naming it', () => {
    const { MONGODB_URI: _uri, MEMBERS_MASTER_KEY: _key, ...rest } = env;
    expect(problemsOf(() => settingsFromEnv(rest))).toEqual(['MONGODB_URI: is required']);
    expect(problemsOf(() => settingsFromEnv({ ...env, MEMBERS_MASTER_KEY: '' }))).toEqual([
      'MEMBERS_MASTER_KEY: is required (base64, 32 bytes), or MEMBERS_MASTER_KEY_FILE',
    ]);
  });

  it('stops on a setting of the wrong type, naming it', () => {
    expect(
      problemsOf(() =>
        settingsFromEnv({
          ...env,
          PORT: 'eighty',
          UTC_OFFSET_MINUTES: 'east',
          LIANJIAN_TODAY: '2021-02-29',
          BODY_LIMIT: 'big',
        }),
      ),
    ).toEqual([
      'PORT: must be a whole number from 1 to 65535',
      'UTC_OFFSET_MINUTES: must be a whole number from -720 to 840',
      'LIANJIAN_TODAY: must be a calendar date YYYY-MM-DD',
      'BODY_LIMIT: must be a size such as 64mb (b, kb, mb or gb)',
    ]);
    expect(
      problemsOf(() => settingsFromEnv({ ...env, MEMBERS_MASTER_KEY: randomBytes(16).toString('base64') })),
    ).toEqual(['MEMBERS_MASTER_KEY: must be 32 bytes, base64-encoded']);
  });

  it('merges a dues override of one category deeply: the scheme replaced whole, the other categories kept', () => {
    const rules = loadMemberRules(
      rulesFile({
        version: 4,
        districts: { chongming: { dues: { Farmer: { kind: 'fixed', amount: 0.5 } }, lapseMonthsWithoutDues: 0 } },
      }),
    );
    expect(rules.version).toBe(4);
    expect(memberRulesFor(rules, 'chongming')).toEqual({
      ...DEFAULT_MEMBER_RULES,
      lapseMonthsWithoutDues: 0,
      dues: { ...DEFAULT_MEMBER_RULES.dues, Farmer: { kind: 'fixed', amount: 0.5 } },
    });
  });

  it('stops on a bad district override, naming the file, the district and the rule', () => {
    const unknownRule = rulesFile({ version: 1, districts: { pudong: { minActivistMonth: 6 } } });
    expect(problemsOf(() => loadMemberRules(unknownRule))).toEqual([
      `${unknownRule}: districts.pudong: Unrecognized key: "minActivistMonth"`,
    ]);
    const wrongType = rulesFile({ version: 1, districts: { pudong: { probationMonths: 'twelve' } } });
    expect(problemsOf(() => loadMemberRules(wrongType))).toEqual([
      `${wrongType}: districts.pudong.probationMonths: must be a whole number of months ≥ 0`,
    ]);
    const inconsistent = rulesFile({ version: 1, districts: { pudong: { extensionMinMonths: 18 } } });
    expect(problemsOf(() => loadMemberRules(inconsistent))).toEqual([
      `${inconsistent}: districts.pudong.extensionMinMonths: must not exceed extensionMaxMonths`,
    ]);
    const badBrackets = rulesFile({
      version: 1,
      districts: {
        pudong: {
          dues: {
            Employed: {
              kind: 'brackets',
              brackets: [
                { upTo: 5000, rate: 0.01 },
                { upTo: 3000, rate: 0.02 },
              ],
            },
          },
        },
      },
    });
    expect(problemsOf(() => loadMemberRules(badBrackets))).toEqual([
      `${badBrackets}: districts.pudong.dues.Employed.brackets: must rise, each upTo above the last, and end with upTo null (no limit)`,
    ]);
  });

  it('prints transfer letters with Debian’s fonts-wqy-microhei, which the image and the test set-up install', () => {
    expect(settingsFromEnv(env).letterFont).toBe(DEFAULT_LETTER_FONT);
    expect(DEFAULT_LETTER_FONT).toBe('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc');
    const root = path.resolve(__dirname, '../../..');
    const runtime = readFileSync(path.join(root, 'Dockerfile'), 'utf8')
      .split(/^FROM /m)
      .at(-1)!;
    expect(runtime).toMatch(/apt-get install [^\n]*fonts-wqy-microhei/);
    expect(readFileSync(path.join(root, 'tools/install-system-packages.sh'), 'utf8')).toContain(DEFAULT_LETTER_FONT);
  });

  it('stops on a letter font that is missing or is not a font, naming MEMBERS_LETTER_FONT', () => {
    const missing = path.join(dir, 'missing.ttc');
    expect(problemsOf(() => settingsFromEnv({ ...env, MEMBERS_LETTER_FONT: missing }))).toEqual([
      expect.stringMatching(
        /^MEMBERS_LETTER_FONT: the transfer letter's font .*missing\.ttc cannot be read .*fonts-wqy-microhei/,
      ),
    ]);
    const notAFont = rulesFile({ not: 'a font' });
    expect(problemsOf(() => settingsFromEnv({ ...env, MEMBERS_LETTER_FONT: notAFont }))).toEqual([
      `MEMBERS_LETTER_FONT: the transfer letter's font ${notAFont} is not a TrueType or OpenType font (or collection)`,
    ]);
  });

  it('stops when the rules file named by MEMBER_RULES_CONFIG is missing its version', () => {
    const file = rulesFile({ defaults: {} });
    expect(problemsOf(() => settingsFromEnv({ ...env, MEMBER_RULES_CONFIG: file }))).toEqual([
      `${file}: version: must be a version number`,
    ]);
  });
});
