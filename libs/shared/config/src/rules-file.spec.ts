import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ConfigurationError } from './configuration-error';
import { type RulesFileSchema, loadRulesFile, mergeRules, rulesFromJson } from './rules-file';

interface Rules {
  readonly termYears: number;
  readonly minSize: number;
  readonly maxSize: number;
  readonly cadence: { readonly lesson: string | null; readonly meeting: string | null };
  readonly fee: { readonly kind: 'fixed'; readonly amount: number } | { readonly kind: 'rate'; readonly rate: number };
  readonly posts: readonly string[];
}
const BUILT_IN: Rules = {
  termYears: 3,
  minSize: 3,
  maxSize: 5,
  cadence: { lesson: 'Quarterly', meeting: 'Monthly' },
  fee: { kind: 'rate', rate: 0.01 },
  posts: ['secretary'],
};
const cadence = z.strictObject({ lesson: z.string().nullable(), meeting: z.string().nullable() });
const shape = {
  termYears: z.number().int().min(1),
  minSize: z.number().int().min(0),
  maxSize: z.number().int().min(0),
  cadence,
  fee: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('fixed'), amount: z.number().min(0) }),
    z.strictObject({ kind: z.literal('rate'), rate: z.number().min(0).max(1) }),
  ]),
  posts: z.array(z.string()),
};
const SCHEMA: RulesFileSchema<Rules> = {
  builtIn: BUILT_IN,
  rules: z
    .strictObject(shape)
    .refine((r) => r.minSize <= r.maxSize, { error: 'must not exceed maxSize', path: ['minSize'] }),
  override: z.strictObject({ ...shape, cadence: cadence.partial() }).partial(),
};

const problemsOf = (json: unknown): readonly string[] => {
  try {
    rulesFromJson('rules.json', json, SCHEMA);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
};

describe('deep merge of rules', () => {
  it('merges objects key by key at every depth and leaves the base untouched', () => {
    const merged = mergeRules(BUILT_IN, { termYears: 5, cadence: { lesson: null } });
    expect(merged).toEqual({ ...BUILT_IN, termYears: 5, cadence: { lesson: null, meeting: 'Monthly' } });
    expect(BUILT_IN.cadence.lesson).toBe('Quarterly');
  });

  it('replaces lists and one case of a union (an object with a kind) whole', () => {
    expect(mergeRules(BUILT_IN, { posts: ['deputy'], fee: { kind: 'fixed', amount: 0.2 } })).toEqual({
      ...BUILT_IN,
      posts: ['deputy'],
      fee: { kind: 'fixed', amount: 0.2 },
    });
  });
});

describe('a rules file', () => {
  it('merges the file defaults over the built-in rules, and each district over those defaults', () => {
    const file = rulesFromJson(
      'rules.json',
      {
        version: 2,
        description: 'x',
        defaults: { termYears: 5 },
        districts: { pudong: { cadence: { meeting: 'Quarterly' } }, xuhui: { maxSize: 7 } },
      },
      SCHEMA,
    );
    expect(file.version).toBe(2);
    expect(file.defaults).toEqual({ ...BUILT_IN, termYears: 5 });
    expect(file.districts['pudong']).toEqual({
      ...BUILT_IN,
      termYears: 5,
      cadence: { lesson: 'Quarterly', meeting: 'Quarterly' },
    });
    expect(file.districts['xuhui']).toEqual({ ...BUILT_IN, termYears: 5, maxSize: 7 });
  });

  it('needs a version, and nothing but version, description, defaults and districts', () => {
    expect(problemsOf({ defaults: {} })).toEqual(['rules.json: version: must be a version number']);
    expect(problemsOf({ version: 1, district: {} })).toEqual(['rules.json: (root): Unrecognized key: "district"']);
  });

  it('names a rule of the wrong type and a rule that does not exist, with its path', () => {
    expect(problemsOf({ version: 1, defaults: { termYears: '5' } })).toEqual([
      expect.stringMatching(/^rules\.json: defaults\.termYears: /),
    ]);
    expect(problemsOf({ version: 1, districts: { pudong: { termYear: 5 } } })).toEqual([
      'rules.json: districts.pudong: Unrecognized key: "termYear"',
    ]);
    expect(problemsOf({ version: 1, districts: { 'Pu Dong': {} } })).toEqual([
      expect.stringMatching(/^rules\.json: districts\.Pu Dong: must be a district code/),
    ]);
  });

  it('refuses a district override that breaks a rule of the merged whole, naming the district', () => {
    expect(
      problemsOf({
        version: 1,
        defaults: { maxSize: 9 },
        districts: { pudong: { minSize: 8 }, xuhui: { minSize: 10 } },
      }),
    ).toEqual(['rules.json: districts.xuhui.minSize: must not exceed maxSize']);
    expect(problemsOf({ version: 1, defaults: { minSize: 6 } })).toEqual([
      'rules.json: defaults.minSize: must not exceed maxSize',
    ]);
  });

  it('names a file that cannot be read or is not JSON', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rules-'));
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{ "version": 1,');
    expect(() => loadRulesFile(broken, SCHEMA)).toThrow(
      new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: is not JSON`),
    );
    expect(() => loadRulesFile(path.join(dir, 'missing.json'), SCHEMA)).toThrow(/missing\.json: cannot be read/);
    const good = path.join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ version: 3, districts: { pudong: { termYears: 4 } } }));
    expect(loadRulesFile(good, SCHEMA).districts['pudong']?.termYears).toBe(4);
  });
});
