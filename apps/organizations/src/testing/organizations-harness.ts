import { type ServiceProcess, SubgraphClient, startSubgraphProcess, testCaller, uniqueName } from '@lianjian/testing';

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
    const database = options.database ?? uniqueName('orgs');
    const topicPrefix = options.topicPrefix ?? `${uniqueName('t')}.`;
    const { process, url } = await startSubgraphProcess({
      main: 'apps/organizations/src/main.ts',
      database,
      topicPrefix,
      gatewaySecret: GATEWAY_SECRET,
      today: TODAY,
      backgroundWorkers: options.backgroundWorkers ?? true,
      ...(options.schemaFile ? { schemaFile: options.schemaFile } : {}),
    });
    return new OrganizationsHarness(process, url, database, topicPrefix);
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}

export const CITY = testCaller('CITY_ADMIN');
