import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MEMBER_RULES, type MemberRules, type MemberRulesConfiguration } from '@lianjian/members-domain';

export interface MembersSettings {
  readonly port: number;
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

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

export function loadMemberRules(file: string | undefined): MemberRulesConfiguration {
  const source = file ?? path.join(__dirname, 'config/rules.json');
  const parsed = JSON.parse(readFileSync(source, 'utf8')) as { version?: unknown; defaults?: Partial<MemberRules>; districts?: Record<string, Partial<MemberRules>> };
  if (typeof parsed.version !== 'number') throw new Error(`${source}: a rules configuration needs a numeric version`);
  const defaults = { ...DEFAULT_MEMBER_RULES, ...parsed.defaults, dues: { ...DEFAULT_MEMBER_RULES.dues, ...parsed.defaults?.dues } };
  return { version: parsed.version, defaults, districts: parsed.districts ?? {} };
}

export function masterKeyFrom(env: NodeJS.ProcessEnv): Buffer {
  const file = env['MEMBERS_MASTER_KEY_FILE'];
  const text = file ? readFileSync(file, 'utf8').trim() : env['MEMBERS_MASTER_KEY'];
  if (!text) throw new Error('MEMBERS_MASTER_KEY (base64, 32 bytes) or MEMBERS_MASTER_KEY_FILE is required');
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('the members master key must be 32 bytes, base64-encoded');
  return key;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): MembersSettings {
  return {
    port: Number(env['PORT'] ?? 4002),
    mongodbUri: required(env, 'MONGODB_URI'),
    database: env['MONGODB_DATABASE'] ?? 'lianjian_members',
    kafkaBrokers: required(env, 'KAFKA_BROKERS').split(','),
    topicPrefix: env['TOPIC_PREFIX'] ?? '',
    gatewaySecret: required(env, 'GATEWAY_SUBGRAPH_SECRET'),
    masterKey: masterKeyFrom(env),
    rules: loadMemberRules(env['MEMBER_RULES_CONFIG']),
    schemaFile: env['SCHEMA_FILE'] ?? null,
    backgroundWorkers: env['BACKGROUND_WORKERS'] !== 'false',
    replicationFactor: Number(env['KAFKA_REPLICATION_FACTOR'] ?? 1),
    utcOffsetMinutes: Number(env['UTC_OFFSET_MINUTES'] ?? 480),
    fixedToday: env['LIANJIAN_TODAY'] ?? null,
    bodyLimit: env['BODY_LIMIT'] ?? '64mb',
  };
}
