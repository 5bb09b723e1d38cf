import { randomBytes } from 'node:crypto';
import { checkDigitOf } from '@lianjian/members-domain';
import { type ServiceProcess, SubgraphClient, startSubgraphProcess, testCaller, uniqueName } from '@lianjian/testing';

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

/** The organizations service beside it (same topic prefix): members cooperate with it only through events. */
export class OrganizationsProcess extends SubgraphClient {
  private constructor(
    readonly process: ServiceProcess,
    url: string,
    readonly database: string,
  ) {
    super(url, GATEWAY_SECRET);
  }

  static async start(topicPrefix: string): Promise<OrganizationsProcess> {
    const database = uniqueName('orgs');
    const { process, url } = await startSubgraphProcess({
      main: 'apps/organizations/src/main.ts',
      database,
      topicPrefix,
      gatewaySecret: GATEWAY_SECRET,
      today: TODAY,
    });
    return new OrganizationsProcess(process, url, database);
  }

  /** Establishes an organization as the city admin: founded 2020-01-01 unless the input says otherwise. */
  establish(input: Record<string, unknown>): Promise<{ establishOrganization: { id: string } }> {
    return this.ok(
      testCaller('CITY_ADMIN'),
      `mutation($input: EstablishOrganizationInput!) { establishOrganization(input: $input) { id } }`,
      { input: { establishedOn: '2020-01-01', documentNumber: '沪委〔2020〕1号', ...input } },
    );
  }

  /** The top of a test's tree: the city committee (`city`) and the Huangpu district committee (`huangpu`). */
  async establishCityAndHuangpu(): Promise<void> {
    const region = (district: string | null) => ({ district, street: null, community: null });
    await this.establish({
      organizationId: 'city',
      name: '市委',
      organizationType: 'Committee',
      parentId: null,
      region: region(null),
    });
    await this.establish({
      organizationId: 'huangpu',
      name: '黄浦区委',
      organizationType: 'Committee',
      parentId: 'city',
      region: region('huangpu'),
    });
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
