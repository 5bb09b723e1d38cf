import path from 'node:path';
import { z } from 'zod';
import {
  loadRulesFile,
  optionalText,
  parseEnv,
  subgraphEnvironment,
  subgraphSettings,
  type SubgraphSettings,
} from '@lianjian/config';
import { type RulesConfiguration } from '@lianjian/organizations-domain';
import { ORGANIZATION_RULES_FILE } from './config/organization-rules.schema';

export interface OrganizationsSettings extends SubgraphSettings {
  readonly rules: RulesConfiguration;
}

/** The rules file: the one shipped beside the service, or RULES_CONFIG; merged and checked (docs/adr/0017). */
export function loadRules(file: string | null | undefined): RulesConfiguration {
  return loadRulesFile(file ?? path.join(__dirname, 'config/rules.json'), ORGANIZATION_RULES_FILE);
}

/** The organizations service's environment, checked at start-up: every missing or wrong setting is named. */
const ORGANIZATIONS_ENV = z.object({ ...subgraphEnvironment(4001), RULES_CONFIG: optionalText() });

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): OrganizationsSettings {
  const e = parseEnv(ORGANIZATIONS_ENV, env);
  return { ...subgraphSettings(e, 'lianjian_organizations'), rules: loadRules(e.RULES_CONFIG) };
}
