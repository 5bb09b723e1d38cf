import { randomBytes } from 'node:crypto';
import {
  GATEWAY_SECRET,
  TODAY,
  type ServiceProcess,
  SubgraphClient,
  startSubgraphProcess,
  uniqueName,
} from '@lianjian/testing';

export interface ProjectsHarnessOptions {
  readonly topicPrefix: string;
  readonly database?: string;
  readonly schemaFile?: string;
  /** Base64 master key; a fresh random one by default (a restart must pass the same one). */
  readonly masterKey?: string;
  readonly env?: Record<string, string>;
}

/** The projects service as a real process, on its own database, sharing a topic prefix with its organizations. */
export class ProjectsHarness extends SubgraphClient {
  private constructor(
    readonly process: ServiceProcess,
    override readonly url: string,
    readonly database: string,
    readonly masterKey: string,
  ) {
    super(url, GATEWAY_SECRET);
  }

  /** The service's origin (the public endpoint is `<origin>/public/graphql`). */
  get origin(): string {
    return new URL(this.url).origin;
  }

  static async start(options: ProjectsHarnessOptions): Promise<ProjectsHarness> {
    const database = options.database ?? uniqueName('projects');
    const masterKey = options.masterKey ?? randomBytes(32).toString('base64');
    const { process, url } = await startSubgraphProcess({
      main: 'apps/projects/src/main.ts',
      database,
      topicPrefix: options.topicPrefix,
      gatewaySecret: GATEWAY_SECRET,
      today: TODAY,
      env: { PROJECTS_MASTER_KEY: masterKey, ...options.env },
      ...(options.schemaFile ? { schemaFile: options.schemaFile } : {}),
    });
    return new ProjectsHarness(process, url, database, masterKey);
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
