import { z } from 'zod';
import {
  type LogLevel,
  flag,
  integer,
  kafkaBrokers,
  logLevel,
  mongodbUri,
  optionalCalendarDate,
  optionalText,
  port,
  requiredText,
} from './env';

/** What every subgraph service is configured with; each service adds its own settings to it. */
export interface SubgraphSettings {
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
  /** Where to write the subgraph's SDL (the supergraph is composed from it); null keeps it in memory. */
  readonly schemaFile: string | null;
  /** Relay, projections and consumers; off when only the schema is wanted. */
  readonly backgroundWorkers: boolean;
  readonly replicationFactor: number;
  /** Deployment time zone offset for "today", in minutes east of UTC (Asia/Shanghai: 480). */
  readonly utcOffsetMinutes: number;
  /** A fixed "today" (YYYY-MM-DD) for tests and demos; null follows the clock. */
  readonly fixedToday: string | null;
  /** The least severe log level written (JSON lines on stdout; docs/adr/0018). */
  readonly logLevel: LogLevel;
}

/** The environment variables of every subgraph, checked at start-up (a service spreads them into its own schema). */
export const subgraphEnvironment = (defaultPort: number) => ({
  PORT: port(defaultPort),
  HOST: optionalText(),
  MONGODB_URI: mongodbUri(),
  MONGODB_DATABASE: optionalText(),
  KAFKA_BROKERS: kafkaBrokers(),
  TOPIC_PREFIX: z.string().optional(),
  GATEWAY_SUBGRAPH_SECRET: requiredText(),
  SCHEMA_FILE: optionalText(),
  BACKGROUND_WORKERS: flag(true),
  KAFKA_REPLICATION_FACTOR: integer(1, 100, 1),
  UTC_OFFSET_MINUTES: integer(-720, 840, 480),
  LIANJIAN_TODAY: optionalCalendarDate(),
  LOG_LEVEL: logLevel('info'),
});

type SubgraphEnvironment = z.output<z.ZodObject<ReturnType<typeof subgraphEnvironment>>>;

/** The subgraph settings from its checked environment; `defaultDatabase` when MONGODB_DATABASE is not set. */
export function subgraphSettings(e: SubgraphEnvironment, defaultDatabase: string): SubgraphSettings {
  return {
    port: e.PORT,
    host: e.HOST ?? '0.0.0.0',
    mongodbUri: e.MONGODB_URI,
    database: e.MONGODB_DATABASE ?? defaultDatabase,
    kafkaBrokers: e.KAFKA_BROKERS,
    topicPrefix: e.TOPIC_PREFIX ?? '',
    gatewaySecret: e.GATEWAY_SUBGRAPH_SECRET,
    schemaFile: e.SCHEMA_FILE,
    backgroundWorkers: e.BACKGROUND_WORKERS,
    replicationFactor: e.KAFKA_REPLICATION_FACTOR,
    utcOffsetMinutes: e.UTC_OFFSET_MINUTES,
    fixedToday: e.LIANJIAN_TODAY,
    logLevel: e.LOG_LEVEL,
  };
}
