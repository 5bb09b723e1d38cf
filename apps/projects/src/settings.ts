import { isProxyEntry } from './public/rate-limit';
import path from 'node:path';
import { z } from 'zod';
import {
  loadRulesFile,
  optionalText,
  parseEnv,
  readMasterKey,
  subgraphEnvironment,
  subgraphSettings,
  type SubgraphSettings,
} from '@lianjian/config';
import { type IndicatorConfiguration, assertIndicatorConfiguration } from '@lianjian/projects-domain';
import { INDICATOR_RULES_FILE } from './config/indicator-rules.schema';

export interface ProjectsSettings extends SubgraphSettings {
  /**
   * The projects service's master key (32 bytes; PROJECTS_MASTER_KEY, base64, or PROJECTS_MASTER_KEY_FILE): the keys
   * that sign public links (rating links, need forms, receipts), hash raters' contacts and seal submitters' contact
   * data are derived from it (HKDF, one purpose each).
   */
  readonly masterKey: Buffer;
  /** Public requests (ratings, needs) one client address may make per minute (PROJECTS_PUBLIC_PER_MINUTE). */
  readonly publicRequestsPerMinute: number;
  /**
   * The proxies (ingress controllers) in front of the public endpoint, by address (PROJECTS_TRUSTED_PROXY, comma
   * separated; none by default): only a request whose socket peer is one of them has its client address taken from
   * X-Forwarded-For, for the public rate limit.
   */
  readonly trustedProxies: readonly string[];
  /**
   * Where the public forms are reached from outside (PROJECTS_PUBLIC_BASE_URL; `http://127.0.0.1:<PORT>` by default,
   * for local runs): an http(s) origin, optionally with a path prefix, no trailing slash. Rating and need form links
   * (and their QR codes) are this plus `/public/rate?l=…` / `/public/need?l=…`.
   */
  readonly publicBaseUrl: string;
  /** Whether the public endpoint answers introspection: not in production (NODE_ENV=production). */
  readonly publicIntrospection: boolean;
  /** The indicator sets projects are scored on, by default and per district (RULES_CONFIG or config/rules.json). */
  readonly rules: IndicatorConfiguration;
}

/** The rules file: the one shipped beside the service, or RULES_CONFIG; merged, checked and every set resolvable. */
export function loadRules(file: string | null | undefined): IndicatorConfiguration {
  const rules = loadRulesFile(file ?? path.join(__dirname, 'config/rules.json'), INDICATOR_RULES_FILE);
  assertIndicatorConfiguration(rules);
  return rules;
}

/** An http(s) URL the public links can start with: no credentials, query or fragment. */
function isBaseUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    !url.username &&
    !url.password &&
    !url.search &&
    !url.hash &&
    !text.includes('?') &&
    !text.includes('#')
  );
}

/** The projects service's environment, checked at start-up: every missing or wrong setting is named. */
const PROJECTS_ENV = z
  .object({
    ...subgraphEnvironment(4003),
    PROJECTS_MASTER_KEY: z.string().optional(),
    PROJECTS_MASTER_KEY_FILE: z.string().optional(),
    PROJECTS_PUBLIC_PER_MINUTE: z.coerce.number().int().positive().default(30),
    PROJECTS_TRUSTED_PROXY: z
      .string()
      .default('')
      .transform((text) =>
        text
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      )
      .refine((list) => list.every(isProxyEntry), 'a comma-separated list of IP addresses or CIDR networks'),
    PROJECTS_PUBLIC_BASE_URL: optionalText().refine(
      (text) => text === null || isBaseUrl(text),
      'an http(s) URL without query or fragment, such as https://lianjian.example',
    ),
    NODE_ENV: z.string().optional(),
    RULES_CONFIG: optionalText(),
  })
  .transform((env, ctx) => ({ ...env, masterKey: readMasterKey(env, 'PROJECTS_MASTER_KEY', ctx) }));

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ProjectsSettings {
  const e = parseEnv(PROJECTS_ENV, env);
  return {
    ...subgraphSettings(e, 'lianjian_projects'),
    masterKey: e.masterKey,
    publicRequestsPerMinute: e.PROJECTS_PUBLIC_PER_MINUTE,
    trustedProxies: e.PROJECTS_TRUSTED_PROXY,
    publicBaseUrl: (e.PROJECTS_PUBLIC_BASE_URL ?? `http://127.0.0.1:${e.PORT}`).replace(/\/+$/, ''),
    publicIntrospection: e.NODE_ENV !== 'production',
    rules: loadRules(e.RULES_CONFIG),
  };
}
