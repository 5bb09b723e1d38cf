import { z } from 'zod';
import {
  parseEnv,
  readMasterKey,
  subgraphEnvironment,
  subgraphSettings,
  type SubgraphSettings,
} from '@lianjian/config';

export interface ProjectsSettings extends SubgraphSettings {
  /**
   * The projects service's master key (32 bytes; PROJECTS_MASTER_KEY, base64, or PROJECTS_MASTER_KEY_FILE): the keys
   * that sign public links (rating links, need forms, receipts), hash raters' contacts and seal submitters' contact
   * data are derived from it (HKDF, one purpose each).
   */
  readonly masterKey: Buffer;
  /** Public requests (ratings, needs) one client address may make per minute (PROJECTS_PUBLIC_PER_MINUTE). */
  readonly publicRequestsPerMinute: number;
}

/** The projects service's environment, checked at start-up: every missing or wrong setting is named. */
const PROJECTS_ENV = z
  .object({
    ...subgraphEnvironment(4003),
    PROJECTS_MASTER_KEY: z.string().optional(),
    PROJECTS_MASTER_KEY_FILE: z.string().optional(),
    PROJECTS_PUBLIC_PER_MINUTE: z.coerce.number().int().positive().default(30),
  })
  .transform((env, ctx) => ({ ...env, masterKey: readMasterKey(env, 'PROJECTS_MASTER_KEY', ctx) }));

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ProjectsSettings {
  const e = parseEnv(PROJECTS_ENV, env);
  return {
    ...subgraphSettings(e, 'lianjian_projects'),
    masterKey: e.masterKey,
    publicRequestsPerMinute: e.PROJECTS_PUBLIC_PER_MINUTE,
  };
}
