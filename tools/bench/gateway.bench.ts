// npm run bench:gateway — the same federated query through Lianjian's gateway (Hive Gateway runtime), through
// Apollo Gateway, and directly against the organizations subgraph: requests/s, p50 and p99 side by side.
// Each target: 16 concurrent keep-alive clients querying 21 different organizations in turn, 3 s warm-up,
// 10 s measured, 3 rounds (medians).
import { type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { CALLER_HEADER, type Caller, signInternalToken, signUserToken } from '../../libs/shared/auth/src';
import { freePort, infraEnv, machine, median, percentile, repoRoot, startService as start } from './common';

const CONCURRENCY = 16;
const WARMUP_MS = 3_000;
const MEASURE_MS = 10_000;
const ROUNDS = 3;
const JWT = { issuer: 'lianjian', audience: 'lianjian-api', secret: randomUUID() };
const SUBGRAPH_SECRET = randomUUID();
const CITY: Caller = { subject: 'bench', role: 'CITY_ADMIN', district: null, organizationId: null, memberId: null };
const QUERY = `query District($id: ID!) {
  organization(id: $id) {
    id name type electionStatus
    ancestors { id name }
    children(first: 20) { totalCount edges { node { id name type parent { id name } leadership { termEndsOn } } } }
  }
}`;

/** Ids queried in turn: requests differ, so no gateway can collapse identical in-flight upstream calls. */
const IDS = ['district', ...Array.from({ length: 20 }, (_, i) => `street-${i}`)];

async function load(
  url: string,
  headersFor: () => Promise<Record<string, string>>,
): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  let next = 0;
  const run = async (ms: number) => {
    const headers = await headersFor();
    const latencies: number[] = [];
    let errors = 0;
    const end = performance.now() + ms;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < end) {
          const body = JSON.stringify({ query: QUERY, variables: { id: IDS[next++ % IDS.length] } });
          const t = performance.now();
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body,
          });
          const json = (await response.json()) as { errors?: unknown[] };
          if (!response.ok || json.errors) errors += 1;
          latencies.push(performance.now() - t);
        }
      }),
    );
    return {
      rps: latencies.length / (ms / 1000),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors,
    };
  };
  await run(WARMUP_MS);
  return run(MEASURE_MS);
}

async function main(): Promise<void> {
  const { MONGODB_URI, KAFKA_BROKERS } = infraEnv();
  const [orgPort, hivePort, apolloPort] = [await freePort(), await freePort(), await freePort()];
  const subgraph = `http://127.0.0.1:${orgPort}/graphql`;
  const children: ChildProcess[] = [];
  try {
    children.push(
      await start(
        'dist/apps/organizations/src/main.js',
        {
          PORT: String(orgPort),
          HOST: '127.0.0.1',
          MONGODB_URI,
          KAFKA_BROKERS,
          MONGODB_DATABASE: `bench_gw_${randomUUID().slice(0, 8)}`,
          TOPIC_PREFIX: `bench.${randomUUID().slice(0, 8)}.`,
          GATEWAY_SUBGRAPH_SECRET: SUBGRAPH_SECRET,
        },
        `http://127.0.0.1:${orgPort}/health`,
      ),
    );
    const internal = {
      [CALLER_HEADER]: await signInternalToken(CITY, SUBGRAPH_SECRET),
      'content-type': 'application/json',
    };
    const seed = async (input: Record<string, unknown>) => {
      const r = await fetch(subgraph, {
        method: 'POST',
        headers: internal,
        body: JSON.stringify({
          query: 'mutation($i: EstablishOrganizationInput!) { establishOrganization(input: $i) { id } }',
          variables: { i: { establishedOn: '2020-01-01', documentNumber: 'bench', ...input } },
        }),
      });
      const json = (await r.json()) as { errors?: unknown[] };
      if (json.errors) throw new Error(JSON.stringify(json.errors));
    };
    await seed({ organizationId: 'city', name: '市委', organizationType: 'Committee', region: {} });
    await seed({
      organizationId: 'district',
      name: '黄浦区委',
      organizationType: 'Committee',
      parentId: 'city',
      region: { district: 'huangpu' },
    });
    for (let i = 0; i < 20; i += 1)
      await seed({
        organizationId: `street-${i}`,
        name: `第${i}街道党工委`,
        organizationType: 'WorkingCommittee',
        parentId: 'district',
        region: { district: 'huangpu', street: `s${i}` },
      });

    const gatewayEnv = {
      HOST: '127.0.0.1',
      SUBGRAPH_URL_ORGANIZATIONS: subgraph,
      GATEWAY_SUBGRAPH_SECRET: SUBGRAPH_SECRET,
      JWT_SECRET: JWT.secret,
      SUPERGRAPH_FILE: path.join(repoRoot, 'apps/gateway/supergraph.graphql'),
    };
    children.push(
      await start(
        'dist/apps/gateway/src/main.js',
        { ...gatewayEnv, PORT: String(hivePort) },
        `http://127.0.0.1:${hivePort}/healthcheck`,
      ),
    );
    children.push(
      await start(
        'dist/tools/bench/apollo-gateway.js',
        { ...gatewayEnv, PORT: String(apolloPort) },
        `http://127.0.0.1:${apolloPort}/`,
      ),
    );
    const bearer = async () => ({ authorization: `Bearer ${await signUserToken(CITY, JWT)}` });
    const signedCaller = async () => ({ [CALLER_HEADER]: await signInternalToken(CITY, SUBGRAPH_SECRET) }); // 2-minute token: fresh per round

    console.log(
      `gateway benchmark — ${machine()}; ${CONCURRENCY} clients, ${MEASURE_MS / 1000} s × ${ROUNDS} rounds per target`,
    );
    const targets: Array<[string, string, () => Promise<Record<string, string>>]> = [
      ['hive-gateway (lianjian)', `http://127.0.0.1:${hivePort}/graphql`, bearer],
      ['apollo-gateway', `http://127.0.0.1:${apolloPort}/graphql`, bearer],
      ['subgraph direct', subgraph, signedCaller],
    ];
    const results = new Map<string, { rps: number; p50: number; p99: number }>();
    for (const [name, url, headers] of targets) {
      const rounds = [];
      for (let r = 0; r < ROUNDS; r += 1) rounds.push(await load(url, headers));
      const errors = rounds.reduce((n, r) => n + r.errors, 0);
      const result = {
        rps: median(rounds.map((r) => r.rps)),
        p50: median(rounds.map((r) => r.p50)),
        p99: median(rounds.map((r) => r.p99)),
      };
      results.set(name, result);
      console.log(
        `${name.padEnd(24)} ${result.rps.toFixed(0).padStart(6)} req/s   p50 ${result.p50.toFixed(1).padStart(6)} ms   p99 ${result.p99.toFixed(1).padStart(6)} ms   errors ${errors}`,
      );
    }
    const hive = results.get('hive-gateway (lianjian)')!;
    const apollo = results.get('apollo-gateway')!;
    console.log(
      `ratio hive/apollo: ${(hive.rps / apollo.rps).toFixed(2)} (throughput), ${(apollo.p99 / hive.p99).toFixed(2)} (p99, >1 = hive faster)`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
