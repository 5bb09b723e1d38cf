import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_RULES, type OrganizationRules, type RulesConfiguration } from '@lianjian/organizations-domain';

export interface OrganizationsSettings {
  readonly port: number;
  readonly mongodbUri: string;
  readonly database: string;
  readonly kafkaBrokers: readonly string[];
  /** Prefix of Kafka topics and consumer groups (tests isolate themselves with it). */
  readonly topicPrefix: string;
  /** Secret shared with the gateway: subgraphs accept only callers the gateway signed. */
  readonly gatewaySecret: string;
  readonly rules: RulesConfiguration;
  /** Where to write the subgraph's SDL (the supergraph is composed from it); null keeps it in memory. */
  readonly schemaFile: string | null;
  /** Relay, projections and consumers; off when only the schema is wanted. */
  readonly backgroundWorkers: boolean;
  readonly replicationFactor: number;
  /** Deployment time zone offset for "today", in minutes east of UTC (Asia/Shanghai: 480). */
  readonly utcOffsetMinutes: number;
  /** A fixed "today" (YYYY-MM-DD) for tests and demos; null follows the clock. */
  readonly fixedToday: string | null;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

export function loadRules(file: string | undefined): RulesConfiguration {
  const source = file ?? path.join(__dirname, 'config/rules.json');
  const parsed = JSON.parse(readFileSync(source, 'utf8')) as { version?: unknown; defaults?: Partial<OrganizationRules>; districts?: Record<string, Partial<OrganizationRules>> };
  if (typeof parsed.version !== 'number') throw new Error(`${source}: a rules configuration needs a numeric version`);
  return { version: parsed.version, defaults: { ...DEFAULT_RULES, ...parsed.defaults }, districts: parsed.districts ?? {} };
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): OrganizationsSettings {
  return {
    port: Number(env['PORT'] ?? 4001),
    mongodbUri: required(env, 'MONGODB_URI'),
    database: env['MONGODB_DATABASE'] ?? 'lianjian_organizations',
    kafkaBrokers: required(env, 'KAFKA_BROKERS').split(','),
    topicPrefix: env['TOPIC_PREFIX'] ?? '',
    gatewaySecret: required(env, 'GATEWAY_SUBGRAPH_SECRET'),
    rules: loadRules(env['RULES_CONFIG']),
    schemaFile: env['SCHEMA_FILE'] ?? null,
    backgroundWorkers: env['BACKGROUND_WORKERS'] !== 'false',
    replicationFactor: Number(env['KAFKA_REPLICATION_FACTOR'] ?? 1),
    utcOffsetMinutes: Number(env['UTC_OFFSET_MINUTES'] ?? 480),
    fixedToday: env['LIANJIAN_TODAY'] ?? null,
  };
}
