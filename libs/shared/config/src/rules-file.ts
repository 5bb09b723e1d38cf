import { readFileSync } from 'node:fs';
import deepmerge from 'deepmerge';
import { z } from 'zod';
import { ConfigurationError } from './configuration-error';

/** A versioned rules configuration, every level merged and checked: the rules in force by default and per district. */
export interface RulesFile<Rules> {
  /** Bumped on every change of the file, so deployments can tell which rules are in force. */
  readonly version: number;
  readonly defaults: Rules;
  /** The complete rules of each district that overrides any (the defaults merged under its overrides). */
  readonly districts: Readonly<Record<string, Rules>>;
}

export interface RulesFileSchema<Rules> {
  /** The rules the code ships; the file's `defaults` override them. */
  readonly builtIn: Rules;
  /** Complete rules, with every cross-field check: each merged level must pass it. */
  readonly rules: z.ZodType<Rules>;
  /** What the file may override at one level: any part of the rules, and nothing that is not a rule. */
  readonly override: z.ZodType<unknown>;
}

const DISTRICT_CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype;

/**
 * `override` merged deeply over `base`: objects key by key at every depth; a list, a null and an object with a
 * `kind` (one case of a union, such as a dues scheme) are values an override replaces whole.
 */
export function mergeRules<Rules>(base: Rules, override: unknown): Rules {
  if (!isPlainObject(override)) return base;
  return deepmerge<Rules>(base as Partial<Rules>, override as Partial<Rules>, {
    arrayMerge: (_base: unknown[], replacement: unknown[]) => replacement,
    isMergeableObject: (value: object) => isPlainObject(value) && !('kind' in value),
  });
}

/**
 * Reads a rules file `{ version, description?, defaults?, districts?: { <district code>: overrides } }`: the file's
 * defaults merged deeply over the built-in rules, each district's overrides over those defaults, and every merged
 * level checked against the complete rules. Anything wrong (unreadable, not JSON, an unknown rule, a wrong type, an
 * override that breaks a rule such as min ≤ max) throws a ConfigurationError naming the file and the path.
 */
export function loadRulesFile<Rules>(source: string, schema: RulesFileSchema<Rules>): RulesFile<Rules> {
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (error) {
    throw new ConfigurationError([
      `${source}: cannot be read (${error instanceof Error ? error.message : String(error)})`,
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError([
      `${source}: is not JSON (${error instanceof Error ? error.message : String(error)})`,
    ]);
  }
  return rulesFromJson(source, json, schema);
}

/** `loadRulesFile` on a parsed document (`source` names it in messages). */
export function rulesFromJson<Rules>(source: string, json: unknown, schema: RulesFileSchema<Rules>): RulesFile<Rules> {
  const file = z
    .strictObject({
      version: z
        .number({ error: 'must be a version number' })
        .int({ error: 'must be a whole version number' })
        .min(1, { error: 'must be 1 or more' }),
      description: z.string().optional(),
      defaults: schema.override.optional(),
      districts: z
        .record(
          z.string().regex(DISTRICT_CODE, { error: 'must be a district code: lowercase letters, digits and dashes' }),
          schema.override,
        )
        .optional(),
    })
    .safeParse(json);
  if (!file.success) throw ConfigurationError.fromZod(file.error, `${source}: `);

  const problems: string[] = [];
  const checked = (where: string, merged: Rules): Rules => {
    const result = schema.rules.safeParse(merged);
    if (result.success) return result.data;
    problems.push(...ConfigurationError.fromZod(result.error, `${source}: ${where}.`).problems);
    return merged;
  };
  const defaults = checked('defaults', mergeRules(schema.builtIn, file.data.defaults));
  const districts = Object.fromEntries(
    Object.entries(file.data.districts ?? {}).map(([district, override]) => [
      district,
      checked(`districts.${district}`, mergeRules(defaults, override)),
    ]),
  );
  if (problems.length > 0) throw new ConfigurationError(problems);
  return { version: file.data.version, defaults, districts };
}
