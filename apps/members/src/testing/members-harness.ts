import { randomBytes } from 'node:crypto';
import { checkDigitOf } from '@lianjian/members-domain';
import { ServiceProcess, SubgraphClient, freePort, requireEnv, uniqueName } from '@lianjian/testing';

export const GATEWAY_SECRET = 'test-gateway-secret';
export const TODAY = '2026-11-22';

export interface MembersHarnessOptions {
  readonly topicPrefix: string;
  readonly database?: string;
  readonly schemaFile?: string;
  readonly backgroundWorkers?: boolean;
  /** Base64 master key; a fresh random one by default (a restart must pass the same one). */
  readonly masterKey?: string;
  readonly env?: Record<string, string>;
}

/** The members service as a real process, on its own database, sharing a topic prefix with its organizations. */
export class MembersHarness extends SubgraphClient {
  private constructor(
    readonly process: ServiceProcess,
    url: string,
    readonly database: string,
    readonly topicPrefix: string,
    readonly masterKey: string,
  ) {
    super(url, GATEWAY_SECRET);
  }

  static async start(options: MembersHarnessOptions): Promise<MembersHarness> {
    const port = await freePort();
    const database = options.database ?? uniqueName('members');
    const masterKey = options.masterKey ?? randomBytes(32).toString('base64');
    const env: Record<string, string> = {
      PORT: String(port),
      HOST: '127.0.0.1',
      MONGODB_URI: requireEnv('MONGODB_URI'),
      MONGODB_DATABASE: database,
      KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'),
      TOPIC_PREFIX: options.topicPrefix,
      GATEWAY_SUBGRAPH_SECRET: GATEWAY_SECRET,
      MEMBERS_MASTER_KEY: masterKey,
      LIANJIAN_TODAY: TODAY,
      BACKGROUND_WORKERS: String(options.backgroundWorkers ?? true),
      ...options.env,
    };
    if (options.schemaFile) env['SCHEMA_FILE'] = options.schemaFile;
    const service = await ServiceProcess.start('apps/members/src/main.ts', env, `http://127.0.0.1:${port}/health`);
    return new MembersHarness(service, `http://127.0.0.1:${port}/graphql`, database, options.topicPrefix, masterKey);
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}

/** The organizations service beside it (same topic prefix): members cooperate with it only through events. */
export class OrganizationsProcess extends SubgraphClient {
  private constructor(
    readonly process: ServiceProcess,
    url: string,
  ) {
    super(url, GATEWAY_SECRET);
  }

  static async start(topicPrefix: string): Promise<OrganizationsProcess> {
    const port = await freePort();
    const service = await ServiceProcess.start(
      'apps/organizations/src/main.ts',
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        MONGODB_URI: requireEnv('MONGODB_URI'),
        MONGODB_DATABASE: uniqueName('orgs'),
        KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'),
        TOPIC_PREFIX: topicPrefix,
        GATEWAY_SUBGRAPH_SECRET: GATEWAY_SECRET,
        LIANJIAN_TODAY: TODAY,
      },
      `http://127.0.0.1:${port}/health`,
    );
    return new OrganizationsProcess(service, `http://127.0.0.1:${port}/graphql`);
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}

/** A valid citizen ID number (GB 11643 check digit computed) for a birth date `YYYYMMDD` and a sequence (odd: male). */
export function citizenId(birth: string, sequence: number, region = '310101'): string {
  const body = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  return `${body}${checkDigitOf(body)}`;
}
