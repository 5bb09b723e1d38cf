import { type ServiceProcess } from './process';
import { startSubgraphProcess } from './subgraph-process';
import { SubgraphClient, testCaller } from './subgraph';
import { uniqueName } from './servers';

/** The subgraph secret and the fixed today the services' integration tests share. */
export const GATEWAY_SECRET = 'test-gateway-secret';
export const TODAY = '2026-11-22';

/**
 * The organizations service beside another service under test (same topic prefix): the others cooperate with it only
 * through events.
 */
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
