import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  byteSize,
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
import { type MemberRulesConfiguration } from '@lianjian/members-domain';
import { MEMBER_RULES_FILE } from './config/member-rules.schema';

export interface MembersSettings {
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
  /**
   * The master key (32 bytes) that wraps every member's data key and derives the citizen-ID blind index key.
   * From MEMBERS_MASTER_KEY (base64) or MEMBERS_MASTER_KEY_FILE; never from a committed file.
   */
  readonly masterKey: Buffer;
  readonly rules: MemberRulesConfiguration;
  readonly schemaFile: string | null;
  readonly backgroundWorkers: boolean;
  readonly replicationFactor: number;
  readonly utcOffsetMinutes: number;
  readonly fixedToday: string | null;
  /** Largest request body (CSV imports arrive as GraphQL variables). */
  readonly bodyLimit: string;
}

/** The rules file: the one shipped beside the service, or MEMBER_RULES_CONFIG; merged and checked (docs/adr/0017). */
export function loadMemberRules(file: string | null | undefined): MemberRulesConfiguration {
  return loadRulesFile(file ?? path.join(__dirname, 'config/rules.json'), MEMBER_RULES_FILE);
}

const MASTER_KEY = 'must be 32 bytes, base64-encoded';

/** The members service's environment, checked at start-up: every missing or wrong setting is named. */
const MEMBERS_ENV = z
  .object({
    PORT: port(4002),
    HOST: optionalText(),
    MONGODB_URI: mongodbUri(),
    MONGODB_DATABASE: optionalText(),
    KAFKA_BROKERS: kafkaBrokers(),
    TOPIC_PREFIX: z.string().optional(),
    GATEWAY_SUBGRAPH_SECRET: requiredText(),
    MEMBERS_MASTER_KEY: optionalText(),
    MEMBERS_MASTER_KEY_FILE: optionalText(),
    MEMBER_RULES_CONFIG: optionalText(),
    SCHEMA_FILE: optionalText(),
    BACKGROUND_WORKERS: flag(true),
    KAFKA_REPLICATION_FACTOR: integer(1, 100, 1),
    UTC_OFFSET_MINUTES: integer(-720, 840, 480),
    LIANJIAN_TODAY: optionalCalendarDate(),
    BODY_LIMIT: byteSize('64mb'),
  })
  .transform((env, ctx) => {
    let masterKey = Buffer.alloc(0);
    const file = env.MEMBERS_MASTER_KEY_FILE;
    const setting = file ? 'MEMBERS_MASTER_KEY_FILE' : 'MEMBERS_MASTER_KEY';
    try {
      const text = file ? readFileSync(file, 'utf8').trim() : env.MEMBERS_MASTER_KEY;
      if (!text)
        ctx.addIssue({
          code: 'custom',
          path: ['MEMBERS_MASTER_KEY'],
          message: `is required (base64, 32 bytes), or MEMBERS_MASTER_KEY_FILE`,
        });
      else {
        masterKey = Buffer.from(text, 'base64');
        if (masterKey.length !== 32) ctx.addIssue({ code: 'custom', path: [setting], message: MASTER_KEY });
      }
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        path: [setting],
        message: `cannot be read (${error instanceof Error ? error.message : String(error)})`,
      });
    }
    return { ...env, masterKey };
  });

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): MembersSettings {
  const e = parseEnv(MEMBERS_ENV, env);
  return {
    port: e.PORT,
    host: e.HOST ?? '0.0.0.0',
    mongodbUri: e.MONGODB_URI,
    database: e.MONGODB_DATABASE ?? 'lianjian_members',
    kafkaBrokers: e.KAFKA_BROKERS,
    topicPrefix: e.TOPIC_PREFIX ?? '',
    gatewaySecret: e.GATEWAY_SUBGRAPH_SECRET,
    masterKey: e.masterKey,
    rules: loadMemberRules(e.MEMBER_RULES_CONFIG),
    schemaFile: e.SCHEMA_FILE,
    backgroundWorkers: e.BACKGROUND_WORKERS,
    replicationFactor: e.KAFKA_REPLICATION_FACTOR,
    utcOffsetMinutes: e.UTC_OFFSET_MINUTES,
    fixedToday: e.LIANJIAN_TODAY,
    bodyLimit: e.BODY_LIMIT,
  };
}
