import { type Caller, CALLER_HEADER, signInternalToken } from '@lianjian/auth';
import { ServiceProcess, freePort, requireEnv, uniqueName } from '@lianjian/testing';

export const GATEWAY_SECRET = 'test-gateway-secret';
export const TODAY = '2026-11-22';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

export interface HarnessOptions {
  readonly schemaFile?: string;
  readonly backgroundWorkers?: boolean;
  readonly database?: string;
  readonly topicPrefix?: string;
}

/** The organizations service as a real process, on its own database and topic prefix, on a free port. */
export class OrganizationsHarness {
  private constructor(
    readonly process: ServiceProcess,
    readonly url: string,
    readonly database: string,
    readonly topicPrefix: string,
  ) {}

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
    const service = await ServiceProcess.start('apps/organizations/src/main.ts', env, `http://127.0.0.1:${port}/health`);
    return new OrganizationsHarness(service, `http://127.0.0.1:${port}/graphql`, database, topicPrefix);
  }

  async gql<T = Record<string, unknown>>(caller: Caller | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (caller) headers[CALLER_HEADER] = await signInternalToken(caller, GATEWAY_SECRET);
    const response = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as GraphQLResponse<T>;
  }

  /** Data of a response that must have succeeded. */
  async ok<T = Record<string, unknown>>(caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.gql<T>(caller, query, variables);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}

export const caller = (role: Caller['role'], extra: Partial<Caller> = {}): Caller => ({
  subject: `${role.toLowerCase()}-1`,
  role,
  district: null,
  organizationId: null,
  memberId: null,
  ...extra,
});

export const CITY = caller('CITY_ADMIN');
