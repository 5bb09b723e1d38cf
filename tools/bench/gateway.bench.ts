// npm run bench:gateway — the same federated operations through four gateways and directly against the subgraphs,
// one target after the other on the same servers: requests/s, p50/p99, the gateway process's CPU seconds per 1,000
// requests (/proc) and its peak memory. Every gateway does the same work: verifies the user's JWT (HS256), passes
// the caller to the subgraphs in the signed caller header, and enforces depth, alias and cost limits.
//
// Gateways: Apollo Gateway (the peer, Apollo Server 5), Hive Gateway with its JavaScript query planner, Hive Gateway
// with the Rust planner (@graphql-hive/router-runtime), and Hive Router (native, Rust; tools/router/hive-router.sh).
// Operations: `tree` (one organization with its ancestors and children, 21 organizations in turn), `cross` (a
// branch's members and each member's organization: Organization.members from the members subgraph, then
// Member.organization back from the organizations subgraph; 20 branches in turn) and `dashboard` (the tree of the
// district, identical for every client: what in-flight deduplication can collapse).
// Each: 16 concurrent keep-alive clients, 3 s warm-up, 10 s measured, BENCH_ROUNDS rounds (default 3, medians),
// the rounds interleaved across the targets; measuring starts once the subgraphs are idle after the seeding.
// BENCH_GATEWAYS=apollo,hive-js,hive-rust,hive-router picks some of them (all by default).
// The last line: Apollo Gateway's CPU seconds per 1,000 requests over Hive Router's (geometric mean of the three).
import { type ChildProcess, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkDigitOf } from '../../libs/members/domain/src';
import { CALLER_HEADER, type Caller, signInternalToken, signUserToken } from '../../libs/shared/auth/src';
import { type RunningRouter, routerBinary, startRouter } from '../../apps/gateway/src/router';
import { gatewaySettingsFromEnv } from '../../apps/gateway/src/settings';
import {
  freePort,
  infraEnv,
  machine,
  median,
  peakRssMiB,
  percentile,
  repoRoot,
  startService as start,
  startSubgraphs,
  stopServices,
} from './common';

const CONCURRENCY = 16;
const WARMUP_MS = 3_000;
const MEASURE_MS = 10_000;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const BRANCHES = 20;
const MEMBERS_PER_BRANCH = 10;
const JWT = { issuer: 'lianjian', audience: 'lianjian-api', secret: randomUUID() };
const SUBGRAPH_SECRET = randomUUID();
const CITY: Caller = { subject: 'bench', role: 'CITY_ADMIN', district: null, organizationId: null, memberId: null };
const CLOCK_TICKS = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s on Linux

const TREE = `query Tree($id: ID!) {
  organization(id: $id) {
    id name type electionStatus
    ancestors { id name }
    children(first: 20) { totalCount edges { node { id name type parent { id name } leadership { termEndsOn } } } }
  }
}`;
const CROSS = `query BranchMembers($id: ID!) {
  organization(id: $id) {
    id name type
    members(first: 10) { totalCount edges { node { id name stage status organization { id name type } } } }
  }
}`;

interface Operation {
  readonly name: 'tree' | 'cross' | 'dashboard';
  readonly query: string;
  readonly ids: readonly string[];
}
const BRANCH_IDS = Array.from({ length: BRANCHES }, (_, i) => `b-${i}`);
const OPERATIONS: readonly Operation[] = [
  { name: 'tree', query: TREE, ids: ['district', ...BRANCH_IDS] },
  { name: 'cross', query: CROSS, ids: BRANCH_IDS },
  { name: 'dashboard', query: TREE, ids: ['district'] },
];

/** CPU seconds (user + system, all threads) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime: fields 14 and 15 of stat
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  cpuPer1000: number | null;
}

type Send = (id: string) => Promise<boolean>;

/** Runs CONCURRENCY clients for `ms`; `pid` is the gateway process whose CPU time is counted. */
async function run(send: Send, ids: readonly string[], ms: number, pid: number | null): Promise<Measured> {
  let next = 0;
  let errors = 0;
  const latencies: number[] = [];
  const cpuBefore = pid === null ? 0 : cpuSeconds(pid);
  const end = performance.now() + ms;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        if (!(await send(ids[next++ % ids.length]!))) errors += 1;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const cpu = pid === null ? null : cpuSeconds(pid) - cpuBefore;
  return {
    rps: latencies.length / (ms / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    cpuPer1000: cpu === null ? null : (cpu / latencies.length) * 1000,
  };
}

async function postGraphql(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ ok: boolean; data: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await response.json()) as { data?: unknown; errors?: unknown[] };
  return { ok: response.ok && !json.errors, data: json.data };
}

/** Waits until these processes (the subgraphs, projecting what was seeded) use under 5 % of a core for 2 s. */
async function settled(pids: readonly number[]): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    const before = pids.map(cpuSeconds);
    await new Promise((r) => setTimeout(r, 2000));
    if (pids.every((pid, j) => cpuSeconds(pid) - before[j]! < 0.1)) return;
  }
}

const idNumber = (i: number): string => {
  const body = `310101${1950 + (i % 30)}0101${String((i % 400) * 2 + 1).padStart(3, '0')}`;
  return `${body}${checkDigitOf(body)}`;
};

async function main(): Promise<void> {
  const infra = infraEnv();
  const run_ = randomUUID().slice(0, 8);
  const [orgPort, memberPort, apolloPort, hivePort, hiveRustPort, routerPort] = (await Promise.all(
    Array.from({ length: 6 }, () => freePort()),
  )) as [number, number, number, number, number, number];
  const orgs = `http://127.0.0.1:${orgPort}/graphql`;
  const members = `http://127.0.0.1:${memberPort}/graphql`;
  const children: ChildProcess[] = [];
  let router: RunningRouter | null = null;
  try {
    const common = {
      ...infra,
      HOST: '127.0.0.1',
      TOPIC_PREFIX: `bench.${run_}.`,
      GATEWAY_SUBGRAPH_SECRET: SUBGRAPH_SECRET,
    };
    children.push(
      ...(await startSubgraphs(
        common,
        { organizations: orgPort, members: memberPort },
        {
          organizations: `bench_gw_orgs_${run_}`,
          members: `bench_gw_members_${run_}`,
        },
      )),
    );
    const internal = { [CALLER_HEADER]: await signInternalToken(CITY, SUBGRAPH_SECRET) };
    const mutate = async (url: string, mutation: string, input: Record<string, unknown>): Promise<void> => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...internal },
        body: JSON.stringify({ query: mutation, variables: { i: input } }),
      });
      const json = (await response.json()) as { errors?: unknown[] };
      if (json.errors) throw new Error(JSON.stringify(json.errors));
    };
    const establish = (input: Record<string, unknown>) =>
      mutate(orgs, 'mutation($i: EstablishOrganizationInput!) { establishOrganization(input: $i) { id } }', {
        establishedOn: '2020-01-01',
        documentNumber: 'bench',
        ...input,
      });
    await establish({ organizationId: 'city', name: '市委', organizationType: 'Committee', region: {} });
    await establish({
      organizationId: 'district',
      name: '黄浦区委',
      organizationType: 'Committee',
      parentId: 'city',
      region: { district: 'huangpu' },
    });
    for (const [i, id] of BRANCH_IDS.entries())
      await establish({
        organizationId: id,
        name: `第${i}党支部`,
        organizationType: 'JointBranch',
        parentId: 'district',
        region: { district: 'huangpu', street: `s${i}` },
      });
    // the members service learns the branches from the organizations service's events: retry until it has
    for (const [b, branch] of BRANCH_IDS.entries())
      for (let m = 0; m < MEMBERS_PER_BRANCH; m += 1) {
        const input = {
          organizationId: branch,
          name: `党员${b}-${m}`,
          idNumber: idNumber(b * MEMBERS_PER_BRANCH + m),
          ethnicity: '汉族',
          education: '大学',
          category: 'Employed',
          joinedOn: '2010-07-01',
          fullMembershipOn: '2011-07-01',
          commandId: randomUUID(),
        };
        for (let attempt = 0; ; attempt += 1) {
          try {
            await mutate(members, 'mutation($i: RegisterMemberInput!) { registerMember(input: $i) { id } }', input);
            break;
          } catch (error) {
            if (attempt > 300 || !String(error).includes('ORGANIZATION_NOT_FOUND')) throw error;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      }

    await settled([children[0]!.pid!, children[1]!.pid!]);

    const gatewayEnv = {
      HOST: '127.0.0.1',
      GATEWAY_MODE: 'development', // any document: the operations are sent as text to every gateway
      SUBGRAPH_URL_ORGANIZATIONS: orgs,
      SUBGRAPH_URL_MEMBERS: members,
      GATEWAY_SUBGRAPH_SECRET: SUBGRAPH_SECRET,
      JWT_SECRET: JWT.secret,
      JWT_ISSUER: JWT.issuer,
      JWT_AUDIENCE: JWT.audience,
      SUPERGRAPH_FILE: path.join(repoRoot, 'apps/gateway/supergraph.graphql'),
      LOG_LEVEL: 'warn',
    };
    const wanted = (key: string) =>
      !process.env['BENCH_GATEWAYS'] || process.env['BENCH_GATEWAYS'].split(',').includes(key);
    const gateways: Array<[string, string, number]> = [];
    const node = async (key: string, name: string, entry: string, port: number, extra: Record<string, string>) => {
      if (!wanted(key)) return;
      const ready = entry.includes('apollo') ? '/' : '/healthcheck';
      const child = await start(
        entry,
        { ...gatewayEnv, ...extra, PORT: String(port) },
        `http://127.0.0.1:${port}${ready}`,
      );
      children.push(child);
      gateways.push([name, `http://127.0.0.1:${port}/graphql`, child.pid!]);
    };
    await node('apollo', 'apollo-gateway', 'dist/tools/bench/apollo-gateway.js', apolloPort, {});
    await node('hive-js', 'hive-gateway (js planner)', 'dist/tools/bench/hive-gateway.js', hivePort, {
      GATEWAY_QUERY_PLANNER: 'js',
    });
    await node('hive-rust', 'hive-gateway (rust planner)', 'dist/tools/bench/hive-gateway.js', hiveRustPort, {
      GATEWAY_QUERY_PLANNER: 'rust',
    });
    if (wanted('hive-router')) {
      // built once from crates.io into the machine's cache (about 20 minutes the first time), then reused
      execFileSync('bash', [path.join(repoRoot, 'tools/router/hive-router.sh'), 'install'], { stdio: 'inherit' });
      router = await startRouter(gatewaySettingsFromEnv({ ...gatewayEnv, PORT: String(routerPort) }), {
        stdio: process.env['BENCH_VERBOSE'] ? 'inherit' : 'ignore',
      });
      gateways.push(['hive-router', `http://127.0.0.1:${routerPort}/graphql`, router.process.pid!]);
    }

    const bearer = { authorization: `Bearer ${await signUserToken(CITY, JWT)}` };
    const through =
      (url: string, operation: Operation): Send =>
      async (id) =>
        (await postGraphql(url, bearer, operation.query, { id })).ok;
    /** The subgraphs called directly, as a gateway would (the cross operation: three calls, two of them in parallel). */
    const direct =
      (operation: Operation): Send =>
      async (id) => {
        const caller = { [CALLER_HEADER]: await signInternalToken(CITY, SUBGRAPH_SECRET) };
        if (operation.name !== 'cross') return (await postGraphql(orgs, caller, operation.query, { id })).ok;
        const [organization, roster] = await Promise.all([
          postGraphql(orgs, caller, 'query($id: ID!) { organization(id: $id) { id name type } }', { id }),
          postGraphql(
            members,
            caller,
            `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization {
              members(first: 10) { totalCount edges { node { id name stage status organization { id } } } } } } }`,
            { r: [{ __typename: 'Organization', id }] },
          ),
        ]);
        const entities = (roster.data as { _entities: Array<{ members: { edges: unknown[] } }> } | null)?._entities;
        if (!organization.ok || !roster.ok || !entities?.[0]?.members.edges.length) return false;
        const back = await postGraphql(
          orgs,
          caller,
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id name type } } }',
          { r: [{ __typename: 'Organization', id }] },
        );
        return back.ok;
      };

    console.log(
      `gateway benchmark — ${machine()}; ${CONCURRENCY} clients, ${MEASURE_MS / 1000} s × ${ROUNDS} rounds per target; hive-router: ${routerBinary()}`,
    );
    const cpu = new Map<string, number[]>();
    for (const operation of OPERATIONS) {
      console.log(`\n${operation.name}: ${operation.ids.length} distinct id(s)`);
      const targets: Array<[string, Send, number | null]> = [
        ...gateways.map(([name, url, pid]): [string, Send, number | null] => [name, through(url, operation), pid]),
        ['subgraphs direct', direct(operation), null],
      ];
      // rounds interleaved (every target once per round), so drift on the shared machine falls on all of them alike
      for (const [, send] of targets) await run(send, operation.ids, WARMUP_MS, null);
      const rounds = new Map<string, Measured[]>();
      for (let r = 0; r < ROUNDS; r += 1)
        for (const [name, send, pid] of targets)
          rounds.set(name, [...(rounds.get(name) ?? []), await run(send, operation.ids, MEASURE_MS, pid)]);
      for (const [name, , pid] of targets) {
        const measured = rounds.get(name)!;
        const errors = measured.reduce((n, r) => n + r.errors, 0);
        const cpuPer1000 = pid === null ? null : median(measured.map((r) => r.cpuPer1000!));
        if (cpuPer1000 !== null) cpu.set(name, [...(cpu.get(name) ?? []), cpuPer1000]);
        const cpuText = cpuPer1000 === null ? ' '.repeat(23) : `${cpuPer1000.toFixed(2).padStart(5)} CPU s/1,000 req`;
        const peak = pid === null ? '  –' : String(peakRssMiB(pid)).padStart(4);
        const stat = (f: (m: Measured) => number, digits: number) =>
          median(measured.map(f)).toFixed(digits).padStart(6);
        console.log(
          `  ${name.padEnd(28)} ${stat((m) => m.rps, 0)} req/s   p50 ${stat((m) => m.p50, 1)} ms   p99 ${stat((m) => m.p99, 1)} ms   ${cpuText}   peak ${peak} MiB   errors ${errors}`,
        );
      }
    }
    const geomean = (values: number[]) => Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
    const apolloCpu = cpu.get('apollo-gateway');
    const versusApollo = (name: string) => cpu.get(name)?.map((c, i) => apolloCpu![i]! / c);
    console.log('');
    for (const [name] of gateways.filter(([name]) => name !== 'apollo-gateway')) {
      const ratios = apolloCpu && versusApollo(name);
      if (ratios)
        console.log(
          `apollo-gateway CPU over ${name}: ${ratios.map((r, i) => `${OPERATIONS[i]!.name} ${r.toFixed(2)}`).join(', ')}; geometric mean ${geomean(ratios).toFixed(2)}`,
        );
    }
    const chosen = apolloCpu && versusApollo('hive-router');
    console.log(
      `ratio vs apollo-gateway: ${chosen ? geomean(chosen).toFixed(2) : 'n/a (both apollo and hive-router must run)'}`,
    );
  } finally {
    await router?.stop();
    await stopServices(children);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
