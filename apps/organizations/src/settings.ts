import path from 'node:path';
import { z } from 'zod';
import {
  flag,
  integer,
  kafkaBrokers,
  loadRulesFile,
  mongodbUri,
  optionalCalendarDate,
  optionalText,
  parseEnv,
  port,
  requiredText,
} from '@lianjian/config';
import { type RulesConfiguration } from '@lianjian/organizations-domain';
import { ORGANIZATION_RULES_FILE } from './config/organization-rules.schema';

export interface OrganizationsSettings {
  readonly port: number;
  /** The interface the subgraph listens on. */
  readonly host: string;
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

/** The rules file: the one shipped beside the service, or RULES_CONFIG; merged and checked (docs/adr/0017). */
export function loadRules(file: string | null | undefined): RulesConfiguration {
  return loadRulesFile(file ?? path.join(__dirname, 'config/rules.json'), ORGANIZATION_RULES_FILE);
}

/** The organizations service's environment, checked at start-up: every missing or wrong setting is named. */
const ORGANIZATIONS_ENV = z.object({
  PORT: port(4001),
  HOST: optionalText(),
  MONGODB_URI: mongodbUri(),
  MONGODB_DATABASE: optionalText(),
  KAFKA_BROKERS: kafkaBrokers(),
  TOPIC_PREFIX: z.string().optional(),
  GATEWAY_SUBGRAPH_SECRET: requiredText(),
  RULES_CONFIG: optionalText(),
  SCHEMA_FILE: optionalText(),
  BACKGROUND_WORKERS: flag(true),
  KAFKA_REPLICATION_FACTOR: integer(1, 100, 1),
  UTC_OFFSET_MINUTES: integer(-720, 840, 480),
  LIANJIAN_TODAY: optionalCalendarDate(),
});

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): OrganizationsSettings {
  const e = parseEnv(ORGANIZATIONS_ENV, env);
  return {
    port: e.PORT,
    host: e.HOST ?? '0.0.0.0',
    mongodbUri: e.MONGODB_URI,
    database: e.MONGODB_DATABASE ?? 'lianjian_organizations',
    kafkaBrokers: e.KAFKA_BROKERS,
    topicPrefix: e.TOPIC_PREFIX ?? '',
    gatewaySecret: e.GATEWAY_SUBGRAPH_SECRET,
    rules: loadRules(e.RULES_CONFIG),
    schemaFile: e.SCHEMA_FILE,
    backgroundWorkers: e.BACKGROUND_WORKERS,
    replicationFactor: e.KAFKA_REPLICATION_FACTOR,
    utcOffsetMinutes: e.UTC_OFFSET_MINUTES,
    fixedToday: e.LIANJIAN_TODAY,
  };
}
