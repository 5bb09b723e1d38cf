import { MongoClient } from 'mongodb';
import { MongoEventStore } from '@lianjian/event-store';
import { requireEnv } from '@lianjian/testing';
import { CITY, OrganizationsHarness } from './testing/organizations-harness';

/*
 * The cross-stream race of ADR 0008, for real: two instances of the service on one database, one establishing a
 * subordinate below an organization while the other dissolves that organization — 50 times at once. Each stream's
 * version guards only itself; without the place gate both commands pass in some of the pairs (the dissolving
 * instance's read models do not hold the other instance's child yet). With it, never.
 */
const ATTEMPTS = 50;
const ESTABLISH = `mutation($input: EstablishOrganizationInput!) { establishOrganization(input: $input) { id } }`;
const DISSOLVE = `mutation($input: DissolveOrganizationInput!) { dissolveOrganization(input: $input) { id } }`;
const region = { district: 'huangpu', street: null, community: null };

describe('a subordinate established while its parent is dissolved, on two instances (ADR 0008)', () => {
  let a: OrganizationsHarness;
  let b: OrganizationsHarness;

  beforeAll(async () => {
    a = await OrganizationsHarness.start();
    b = await OrganizationsHarness.start({ database: a.database, topicPrefix: a.topicPrefix });
    const establish = (
      organizationId: string,
      organizationType: string,
      parentId: string | null,
      district: string | null,
    ) =>
      a.ok(CITY, ESTABLISH, {
        input: {
          organizationId,
          name: organizationId,
          organizationType,
          parentId,
          region: { ...region, district },
          establishedOn: '2020-01-01',
          documentNumber: 'd',
        },
      });
    await establish('city', 'Committee', null, null);
    await establish('huangpu', 'Committee', 'city', 'huangpu');
    for (let i = 0; i < ATTEMPTS; i += 1) await establish(`p-${i}`, 'GeneralBranch', 'huangpu', 'huangpu');
    // the other instance knows the parents (its read models have caught up with what a wrote)
    for (let i = 0; i < ATTEMPTS; i += 1) await b.ok(CITY, `{ organization(id: "p-${i}") { id } }`);
  }, 180_000);
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it(`never leaves a subordinate below a dissolved organization (${ATTEMPTS} races at once)`, async () => {
    const outcome = async (call: Promise<{ errors?: Array<{ extensions?: Record<string, unknown> }> }>) => {
      const result = await call;
      return result.errors ? String(result.errors[0]?.extensions?.['code']) : 'ok';
    };
    const races = await Promise.all(
      Array.from({ length: ATTEMPTS }, async (_, i) => {
        // either side a few milliseconds ahead, so the commands interleave differently from one pair to the next
        const lead = (i % 11) * 100;
        const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
        const [established, dissolved] = await Promise.all([
          outcome(
            after(i % 2 ? lead : 0).then(() =>
              a.gql(CITY, ESTABLISH, {
                input: {
                  organizationId: `c-${i}`,
                  name: `c-${i}`,
                  organizationType: 'JointBranch',
                  parentId: `p-${i}`,
                  region,
                  establishedOn: '2021-01-01',
                  documentNumber: 'd',
                },
              }),
            ),
          ),
          outcome(
            after(i % 2 ? 0 : lead).then(() =>
              b.gql(CITY, DISSOLVE, {
                input: { organizationId: `p-${i}`, reason: '撤销', documentNumber: 'd', effectiveOn: '2022-01-01' },
              }),
            ),
          ),
        ]);
        return { i, established, dissolved };
      }),
    );
    // what the event store holds, read by exact keys: the truth both instances wrote
    const client = new MongoClient(requireEnv('MONGODB_URI'));
    await client.connect();
    try {
      const store = new MongoEventStore({ db: client.db(a.database), prefix: 'organizations' });
      await store.init();
      const last = async (stream: string) => (await store.readStream(stream)).map((e) => e.type).at(-1) ?? null;
      const stored = await Promise.all(
        races.map(async (r) => ({
          ...r,
          parent: await last(`organization-p-${r.i}`),
          child: await last(`organization-c-${r.i}`),
        })),
      );
      const orphans = stored.filter(
        (s) => s.parent === 'OrganizationDissolved' && s.child === 'OrganizationEstablished',
      );
      expect(orphans).toEqual([]);
      // every pair ended one way or the other, refused with the rule's own code, never an internal error
      for (const s of stored) {
        expect([s.established, s.dissolved].sort()).toEqual(
          s.established === 'ok' ? ['ORGANIZATION_HAS_CHILDREN', 'ok'] : ['PARENT_NOT_ACTIVE', 'ok'],
        );
      }
      const tally = stored.reduce<Record<string, number>>((t, s) => {
        const key = s.established === 'ok' ? 'child established' : 'parent dissolved';
        return { ...t, [key]: (t[key] ?? 0) + 1 };
      }, {});
      console.info(`tree race: ${JSON.stringify(tally)}`);
    } finally {
      await client.close();
    }
  }, 180_000);
});
