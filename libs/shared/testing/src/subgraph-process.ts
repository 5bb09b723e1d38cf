import { ServiceProcess, freePort } from './process';
import { requireEnv } from './servers';

export interface SubgraphProcessOptions {
  /** The service's entry, from the repository root (`apps/<service>/src/main.ts`). */
  readonly main: string;
  readonly database: string;
  readonly topicPrefix: string;
  /** The secret the gateway signs the caller with (GATEWAY_SUBGRAPH_SECRET). */
  readonly gatewaySecret: string;
  /** A fixed today (LIANJIAN_TODAY); the real date when absent. */
  readonly today?: string;
  /** BACKGROUND_WORKERS; the service's default when absent. */
  readonly backgroundWorkers?: boolean;
  /** Where the service writes its SDL (SCHEMA_FILE). */
  readonly schemaFile?: string;
  /** Further settings of the service. */
  readonly env?: Record<string, string>;
}

export interface SubgraphProcess {
  readonly process: ServiceProcess;
  /** The subgraph's GraphQL endpoint. */
  readonly url: string;
}

/**
 * A subgraph service as a real process on a free port, on the test servers (MONGODB_URI, KAFKA_BROKERS), with the
 * settings every subgraph takes; it answers once its health endpoint does. Every service's test harness starts
 * its service, and the services beside it, this way.
 */
export async function startSubgraphProcess(options: SubgraphProcessOptions): Promise<SubgraphProcess> {
  const port = await freePort();
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    MONGODB_URI: requireEnv('MONGODB_URI'),
    MONGODB_DATABASE: options.database,
    KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'),
    TOPIC_PREFIX: options.topicPrefix,
    GATEWAY_SUBGRAPH_SECRET: options.gatewaySecret,
    ...(options.today ? { LIANJIAN_TODAY: options.today } : {}),
    ...(options.backgroundWorkers === undefined ? {} : { BACKGROUND_WORKERS: String(options.backgroundWorkers) }),
    ...options.env,
    ...(options.schemaFile ? { SCHEMA_FILE: options.schemaFile } : {}),
  };
  const process = await ServiceProcess.start(options.main, env, `http://127.0.0.1:${port}/health`);
  return { process, url: `http://127.0.0.1:${port}/graphql` };
}
