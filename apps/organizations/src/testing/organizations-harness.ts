import { ServiceProcess, SubgraphClient, freePort, requireEnv, testCaller, uniqueName } from '@lianjian/testing';

export const GATEWAY_SECRET = 'test-gateway-secret';
export const TODAY = '2026-11-22';

export interface HarnessOptions {
  readonly schemaFile?: string;
  readonly backgroundWorkers?: boolean;
  readonly database?: string;
  readonly topicPrefix?: string;
}

/** The organizations service as a real process, on its own database and topic prefix, on a free port. */
export class OrganizationsHarness extends SubgraphClient {
  private constructor(
    readonly process: ServiceProcess,
    url: string,
    readonly database: string,
    readonly topicPrefix: string,
  ) {
    super(url, GATEWAY_SECRET);
  }

  static async start(options: HarnessOptions = {}): Promise<OrganizationsHarness> {
    const port = await freePort();
    const database = options.database ?? uniqueName('orgs');
    const topicPrefix = options.topicPrefix ?? `${uniqueName('t')}.`;
    const env: Record<string, string> = {
      PORT: String(port),
      HOST: '127.0.0.1',
      MONGODB_URI: requireEnv('MONGODB_URI'),
      MONGODB_DATABASE: database,
      KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'),
      TOPIC_PREFIX: topicPrefix,
      GATEWAY_SUBGRAPH_SECRET: GATEWAY_SECRET,
      LIANJIAN_TODAY: TODAY,
      BACKGROUND_WORKERS: String(options.backgroundWorkers ?? true),
    };
    if (options.schemaFile) env['SCHEMA_FILE'] = options.schemaFile;
    const service = await ServiceProcess.start(
      'apps/organizations/src/main.ts',
      env,
      `http://127.0.0.1:${port}/health`,
    );
    return new OrganizationsHarness(service, `http://127.0.0.1:${port}/graphql`, database, topicPrefix);
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}

export const CITY = testCaller('CITY_ADMIN');
