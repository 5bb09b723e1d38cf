import { randomBytes } from 'node:crypto';
import { checkDigitOf } from '@lianjian/members-domain';
import {
  GATEWAY_SECRET,
  TODAY,
  type ServiceProcess,
  SubgraphClient,
  startSubgraphProcess,
  uniqueName,
} from '@lianjian/testing';

export { GATEWAY_SECRET, OrganizationsProcess, TODAY } from '@lianjian/testing';

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
    const database = options.database ?? uniqueName('members');
    const masterKey = options.masterKey ?? randomBytes(32).toString('base64');
    const { process, url } = await startSubgraphProcess({
      main: 'apps/members/src/main.ts',
      database,
      topicPrefix: options.topicPrefix,
      gatewaySecret: GATEWAY_SECRET,
      today: TODAY,
      backgroundWorkers: options.backgroundWorkers ?? true,
      env: { MEMBERS_MASTER_KEY: masterKey, ...options.env },
      ...(options.schemaFile ? { schemaFile: options.schemaFile } : {}),
    });
    return new MembersHarness(process, url, database, options.topicPrefix, masterKey);
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
