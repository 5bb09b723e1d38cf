// npm run bench:transfers — transfers of the organizational relationship (issue 12 §7) beside plain CRUD peers, in
// one run, on its own Kafka and database (LIANJIAN_INFRA_DIR, default .infra/bench-transfers; `infra.sh down` after):
//  0. a city of 16 districts, each with two streets (Committees with a street region) and the branches below them
//     (one per BENCH_PER_BRANCH members), established through the organizations service; BENCH_MEMBERS members
//     (default 100,000) imported through importMembers as CSV files of 10,000 rows, as bench:members does. The
//     measuring starts once the organizations service has every member's fact (the import's drain is not measured).
//  1. BENCH_TRANSFERS transfers (default 10,000), a fifth of each scope — within a committee (one approval), within a
//     district (street, district, street), across districts (street, district, city, district, street), out of the
//     city (street, district, city; the sender records the receipt) and into the city (the receiving branch
//     initiates, city, district, street approve, the acceptance registers the new member) — BENCH_CONCURRENCY
//     (default 16) at once, each from initiation through every approval to the acceptance that lands the member,
//     through the members subgraph over HTTP, each step by the district admin (or the city admin) it belongs to.
//     Transfers completed per second, against the peer: the same steps as plain documents updated by key (a transfer
//     inserted, one update per approval, the acceptance and the member's branch) with the same concurrency.
//  2. acceptance → MemberTransferred consumed outside the services: a kafkajs consumer of its own group in a worker
//     thread reads the members topic and decodes each message with the published contract; duplicates are absorbed
//     by eventId. p50 / p99 from the acceptance's response (and from its request), and each transfer seen once.
//  3. the deadline sweep over BENCH_OPEN_TRANSFERS open letters (default: one per member in the city, a fifth of each
//     scope): the letters are written to the members store with the events the service's own commands append (the
//     domain's decider and the store's code, one commit per command: initiated, each approval, the letter issued with
//     the last) and each member's reservation, since 100,000 letters through the API take about an hour here; the
//     running service projects and publishes them. Then that instance is stopped and BENCH_SWEEPERS (2) instances are
//     started on the same database with LIANJIAN_TODAY BENCH_SWEEP_TODAY (2027-03-01, past every default validity)
//     and MEMBERS_TRANSFER_SWEEP_MS BENCH_SWEEP_MS (default 100; the service's default, 60,000, sweeps at most 1,000
//     letters a minute): the time until the log holds one TransferExpired per letter, each once, against the peer: a
//     plain sweep of as many documents (found past validity 1,000 at a time, an expiry record inserted and the letter
//     updated by key for each).
//  Last: the processes' peak resident memory (VmHWM), and 20 initiations on an instance with the default sweep interval
//  once the read model holds every transfer. BENCH_PROFILE=<dir> writes a CPU profile of the first members instance.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { type Db, MongoClient } from 'mongodb';
import { type Caller } from '../../libs/shared/auth/src';
import { MongoEventStore, deciderOf, handleCommand } from '../../libs/shared/event-store/src';
import { MEMBERS_TOPICS, transferStreamId } from '../../libs/members/contracts/src';
import {
  DEFAULT_TRANSFER_RULES,
  type TransferCommand,
  type TransferEvent,
  type TransferScope,
  type TransferState,
  cardNumberFrom,
  checkDigitOf,
  decideTransfer,
  evolveTransfer,
} from '../../libs/members/domain/src';
import {
  benchInfra,
  cpuSeconds,
  freePort,
  infraPid,
  machine,
  median,
  peakRssMiB,
  percentile,
  pool,
  repoRoot,
  signedGql,
  stopServices,
  untilHealthy,
} from './common';
import { type ConsumerMessage, now } from './transfers-consumer';

const TOTAL = Number(process.env['BENCH_MEMBERS'] ?? 100_000);
const TRANSFERS = Number(process.env['BENCH_TRANSFERS'] ?? 10_000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 16);
const OPEN = Number(process.env['BENCH_OPEN_TRANSFERS'] ?? TOTAL);
const SWEEP_MS = Number(process.env['BENCH_SWEEP_MS'] ?? 100);
const SWEEP_TODAY = process.env['BENCH_SWEEP_TODAY'] ?? '2027-03-01';
const SWEEPERS = Number(process.env['BENCH_SWEEPERS'] ?? 2);
const SWEEP_TIMEOUT_MS = Number(process.env['BENCH_SWEEP_TIMEOUT_SECONDS'] ?? 3_600) * 1000;
const PER_BRANCH = Number(process.env['BENCH_PER_BRANCH'] ?? 100);
const INFRA_DIR = process.env['LIANJIAN_INFRA_DIR'] || path.join(repoRoot, '.infra/bench-transfers');
const TODAY = '2026-11-22';
const PER_FILE = 10_000;
const DISTRICTS = 16;
const STREETS = 2;
/** At least two branches under every street (within a committee needs a sibling). */
const BRANCHES = Math.max(DISTRICTS * STREETS * 2, Math.ceil(TOTAL / PER_BRANCH));
const ESTABLISH_CONCURRENCY = 8;
const SEED_CONCURRENCY = 32;
const SCOPES: readonly TransferScope[] = [
  'WithinCommittee',
  'WithinDistrict',
  'AcrossDistricts',
  'OutOfCity',
  'IntoCity',
];
const SECRET = randomUUID();
const MASTER_KEY = randomBytes(32).toString('base64');
const HEADER =
  '姓名,性别,民族,公民身份号码,手机号码,学历,人员类别,申请入党日期,确定积极分子日期,确定发展对象日期,入党日期,转正日期,党籍状态,所在党组织编号,工作单位编号,月收入,党内职务';
const TRANSFER_FIELDS = 'id status scope nextApproverId memberLanded member { id }';

// ---- the tree: city → d00…d15 → d00-s0, d00-s1 → b-<i> (district i % 16, street ⌊i / 16⌋ % 2) ----------------
const districtOf = (b: number) => `d${String(b % DISTRICTS).padStart(2, '0')}`;
const streetOf = (b: number) => `${districtOf(b)}-s${Math.floor(b / DISTRICTS) % STREETS}`;
const branchPath = (b: number) => ['city', districtOf(b), streetOf(b), `b-${b}`];
/** A branch at `step` branches' distance, inside the tree: ±32 keeps district and street, ±16 the district only. */
const near = (b: number, step: number) => (b + step < BRANCHES ? b + step : b - step);
const targetOf = (scope: TransferScope, b: number): number | null =>
  scope === 'WithinCommittee'
    ? near(b, DISTRICTS * STREETS)
    : scope === 'WithinDistrict'
      ? near(b, DISTRICTS)
      : scope === 'AcrossDistricts'
        ? near(b, 1)
        : null;
const approvalsOf: Record<TransferScope, number> = {
  WithinCommittee: 1,
  WithinDistrict: 3,
  AcrossDistricts: 5,
  OutOfCity: 3,
  IntoCity: 3,
};
const branchIndex = (organizationId: string) => Number(organizationId.slice(2));
/** The admin acting for an organization: its district's, or the city's for the city committee. */
const adminOf = (organizationId: string): Caller => {
  const district =
    organizationId === 'city'
      ? null
      : organizationId.startsWith('b-')
        ? districtOf(branchIndex(organizationId))
        : organizationId.slice(0, 3);
  return district
    ? { subject: `bench-${district}`, role: 'DISTRICT_ADMIN', district, organizationId: null, memberId: null }
    : { subject: 'bench-city', role: 'CITY_ADMIN', district: null, organizationId: null, memberId: null };
};
const CITY = adminOf('city');

const idNumber = (i: number): string => {
  const birth = new Date(Date.UTC(1950, 0, 1) + (i % 9_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const body = `310101${birth}${String(Math.floor(i / 9_000) * 2 + 1).padStart(3, '0')}`;
  return `${body}${checkDigitOf(body)}`;
};
const row = (i: number) =>
  `党员${i},男,汉族,${idNumber(i)},1${String(3_000_000_000 + i).slice(0, 10)},大学,在职,2000-01-01,2000-07-01,2001-08-01,2002-07-01,2003-07-01,正常,b-${i % BRANCHES},u-${i % 1000},${3000 + (i % 9000)},`;

const round = (n: number) => Math.round(n * 10) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stamp = () => new Date().toISOString();
/** A deterministic shuffle (mulberry32), so runs pick the same members in the same order. */
function shuffled<T>(items: readonly T[], seed = 12): T[] {
  const out = [...items];
  let a = seed;
  const rand = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const gql = <T>(url: string, caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<T> =>
  signedGql<T>(url, caller, SECRET, query, variables);

// ---- infrastructure: this bench's own servers, and the processes it starts ------------------------------------
interface Service {
  readonly name: string;
  readonly child: ChildProcess;
  readonly url: string;
  /** The deadline sweep's log lines (members instances): the letters each sweep expired. */
  readonly swept: Array<{ at: number; expired: number; landed: number }>;
  /** When its /health first answered (wall clock, ms). */
  readonly readyAt: number;
}

/**
 * Starts a built service (dist/); waits until /health answers. The sweepers' stdout is read for the sweep's log
 * lines; the others' is dropped (one line per request), as bench:members does, unless BENCH_VERBOSE.
 */
async function startService(
  name: string,
  entry: string,
  env: Record<string, string>,
  port: number,
  readLog = false,
  nodeArgs: string[] = [],
): Promise<Service> {
  const child = spawn(process.execPath, [...nodeArgs, path.join(repoRoot, entry)], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', readLog || process.env['BENCH_VERBOSE'] ? 'pipe' : 'ignore', 'inherit'],
  });
  const swept: Service['swept'] = [];
  if (child.stdout)
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (process.env['BENCH_VERBOSE']) console.log(`[${name}] ${line}`);
      if (!line.includes('transfer deadlines swept')) return;
      try {
        const entry = JSON.parse(line) as { expired?: number; landed?: number };
        swept.push({ at: now(), expired: entry.expired ?? 0, landed: entry.landed ?? 0 });
      } catch {
        // not a JSON line
      }
    });
  await untilHealthy(name, child, port);
  return { name, child, url: `http://127.0.0.1:${port}/graphql`, swept, readyAt: now() };
}

function startConsumer(brokers: string, topic: string) {
  const worker = new Worker(path.join(__dirname, 'transfers-consumer.js'), {
    workerData: { brokers, topic, groupId: `bench-outside-${randomBytes(3).toString('hex')}` },
  });
  const seen = new Map<string, { transferId: string; at: number; committedAt: number }>();
  let duplicates = 0;
  let failure: string | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: ConsumerMessage) => {
      if (m.kind === 'ready') resolve();
      else if (m.kind === 'error') reject(new Error((failure = m.message)));
      else if (seen.has(m.eventId)) duplicates += 1;
      else seen.set(m.eventId, { transferId: m.transferId, at: m.at, committedAt: m.committedAt });
    });
    worker.on('error', reject);
  });
  return {
    ready,
    seen,
    duplicates: () => duplicates,
    failure: () => failure,
    stop: async () => {
      worker.postMessage('stop');
      await Promise.race([new Promise((r) => worker.once('exit', r)), sleep(10_000)]);
      await worker.terminate();
    },
  };
}

// ---- main ---------------------------------------------------------------------------------------------------------
async function main(): Promise<void> {
  console.log(`bench:transfers on ${machine()}`);
  const infra = benchInfra(INFRA_DIR);
  console.log(
    `database: mongo-java-server 1.47.0 (${process.env['LIANJIAN_DB_BACKEND'] || 'compact'} backend, heap ${process.env['LIANJIAN_DB_HEAP'] || '8g'}), Kafka 3.9.1; state in ${path.relative(repoRoot, INFRA_DIR)}`,
  );
  console.log(
    `${TOTAL} members in ${BRANCHES} branches under ${DISTRICTS * STREETS} streets of ${DISTRICTS} districts; ${TRANSFERS} transfers, ${CONCURRENCY} at once; sweep over ${OPEN} open letters`,
  );
  const client = new MongoClient(infra.MONGODB_URI, { maxPoolSize: 64 });
  await client.connect();
  const run = randomBytes(3).toString('hex');
  const databases = { orgs: `bench_orgs_${run}`, members: `bench_members_${run}`, peer: `bench_peer_${run}` };
  const services: Service[] = [];
  const peaks = new Map<string, number | null>();
  try {
    const common = {
      ...infra,
      TOPIC_PREFIX: `bench${run}.`,
      GATEWAY_SUBGRAPH_SECRET: SECRET,
      LIANJIAN_TODAY: TODAY,
      LOG_LEVEL: 'info',
    };
    const [orgPort, memberPort] = await Promise.all([freePort(), freePort()]);
    const orgs = await startService(
      'organizations',
      'dist/apps/organizations/src/main.js',
      { ...common, MONGODB_DATABASE: databases.orgs },
      orgPort,
    );
    services.push(orgs);
    const membersEnv = { ...common, MONGODB_DATABASE: databases.members, MEMBERS_MASTER_KEY: MASTER_KEY };
    const members = await startService(
      'members',
      'dist/apps/members/src/main.js',
      membersEnv,
      memberPort,
      false,
      process.env['BENCH_PROFILE']
        ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env['BENCH_PROFILE'])}`]
        : [],
    );
    services.push(members);

    await buildCity(orgs.url, members.url);
    await importMembers(members.url, client.db(databases.members), client.db(databases.orgs));
    const memberDb = client.db(databases.members);
    const inCity = await membersByBranch(memberDb);

    // ---- 1 and 2: transfers, and MemberTransferred consumed outside --------------------------------------------
    const plan = planTransfers(inCity);
    const peerPerSecond = await peerTransfers(client.db(databases.peer), plan);
    const consumer = startConsumer(infra.KAFKA_BROKERS, `${common.TOPIC_PREFIX}${MEMBERS_TOPICS.member}`);
    await consumer.ready;
    const pids = {
      organizations: orgs.child.pid,
      members: members.child.pid,
      database: infraPid(INFRA_DIR, 'mongodb'),
      kafka: infraPid(INFRA_DIR, 'kafka'),
    };
    const cpuBefore = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
    const benchCpuBefore = process.cpuUsage();
    const outcome = await runTransfers(members.url, plan);
    const cpu = Object.entries(pids)
      .map(([k, pid]) => `${k} ${round((cpuSeconds(pid) ?? 0) - (cpuBefore[k] ?? 0))} s`)
      .join(', ');
    const benchCpu = process.cpuUsage(benchCpuBefore);
    console.log(
      `transfers: ${TRANSFERS} in ${round(outcome.seconds)} s: Lianjian ${round(TRANSFERS / outcome.seconds)} transfers/s; peer (plain documents by key) ${round(peerPerSecond)} transfers/s`,
    );
    console.log(`ratio vs plain CRUD (transfers/s): ${(TRANSFERS / outcome.seconds / peerPerSecond).toFixed(3)}`);
    console.log(
      `  CPU during the transfers (of ${round(outcome.seconds * 2)} core-seconds): ${cpu}, this bench (clients and the consumer) ${round((benchCpu.user + benchCpu.system) / 1e6)} s`,
    );
    await acceptedToConsumed(consumer, outcome.accepted);
    await consumer.stop();

    // ---- 3. the deadline sweep --------------------------------------------------------------------------------
    const store = new MongoEventStore({ db: memberDb, prefix: 'members' });
    await reachProjection(memberDb, store, 'after the transfers');
    const open = await seedOpenLetters(store, memberDb, await membersByBranch(memberDb));
    await reachProjection(memberDb, store, 'after the seeding');
    await reachRelay(memberDb, store);
    const peerSweepSeconds = await peerSweep(client.db(databases.peer), open);
    for (const s of [orgs, members]) peaks.set(s.name, peakRssMiB(s.child.pid));
    await stopServices([members.child]);
    services.splice(services.indexOf(members), 1);
    const sweepEnv = { ...membersEnv, LIANJIAN_TODAY: SWEEP_TODAY, MEMBERS_TRANSFER_SWEEP_MS: String(SWEEP_MS) };
    const head = await store.headPosition();
    const ports = await Promise.all(Array.from({ length: SWEEPERS }, () => freePort()));
    const sweepers = await Promise.all(
      ports.map((port, i) => startService(`sweeper ${i + 1}`, 'dist/apps/members/src/main.js', sweepEnv, port, true)),
    );
    services.push(...sweepers);
    const sweepSeconds = await sweep(store, head, open, sweepers, {
      ...Object.fromEntries(sweepers.map((s) => [s.name, s.child.pid])),
      organizations: orgs.child.pid,
      database: infraPid(INFRA_DIR, 'mongodb'),
      kafka: infraPid(INFRA_DIR, 'kafka'),
    });
    console.log(
      `deadline sweep over ${open} open letters, ${SWEEPERS} instance${SWEEPERS === 1 ? '' : 's'}: Lianjian ${round(sweepSeconds)} s (${Math.round(open / sweepSeconds)} letters/s); peer (plain documents) ${round(peerSweepSeconds)} s (${Math.round(open / peerSweepSeconds)}/s)`,
    );
    console.log(`ratio vs plain CRUD (sweep time): ${(peerSweepSeconds / sweepSeconds).toFixed(3)}`);
    for (const s of sweepers) peaks.set(s.name, peakRssMiB(s.child.pid));
    // the sweepers scan for deadlines every BENCH_SWEEP_MS: one instance on the service's default interval instead
    await stopServices(sweepers.map((s) => s.child));
    services.splice(services.length - sweepers.length, sweepers.length);
    const last = await startService(
      'members after the sweep',
      'dist/apps/members/src/main.js',
      { ...membersEnv, LIANJIAN_TODAY: SWEEP_TODAY },
      await freePort(),
    );
    services.push(last);
    await initiationAtSize(last.url, memberDb, outcome.initiateP50);
    peaks.set('database', peakRssMiB(infraPid(INFRA_DIR, 'mongodb')));
    peaks.set('kafka', peakRssMiB(infraPid(INFRA_DIR, 'kafka')));
    console.log(`peak resident memory: ${[...peaks].map(([name, mib]) => `${name} ${mib ?? '?'} MiB`).join(', ')}`);
  } finally {
    await stopServices(services.map((s) => s.child)); // the services stop before their databases are dropped
    for (const name of Object.values(databases))
      await client
        .db(name)
        .dropDatabase()
        .catch(() => undefined);
    await client.close();
  }
}

/** The city, 16 district committees, two street committees each, and the branches, through the organizations service. */
async function buildCity(orgs: string, members: string): Promise<void> {
  const establish = (organizationId: string, organizationType: string, parentId: string | null, region: object) =>
    gql(orgs, CITY, `mutation($input: EstablishOrganizationInput!) { establishOrganization(input: $input) { id } }`, {
      input: {
        organizationId,
        name: organizationId,
        organizationType,
        parentId,
        region: { district: null, street: null, community: null, ...region },
        establishedOn: '2000-01-01',
        documentNumber: '1',
      },
    });
  const started = performance.now();
  await establish('city', 'Committee', null, {});
  const districts = Array.from({ length: DISTRICTS }, (_, d) => districtOf(d));
  await pool(districts, ESTABLISH_CONCURRENCY, (d) =>
    establish(d, 'Committee', 'city', { district: d }).then(() => undefined),
  );
  const streets = districts.flatMap((d) => Array.from({ length: STREETS }, (_, s) => [d, `${d}-s${s}`] as const));
  await pool(streets, ESTABLISH_CONCURRENCY, ([d, s]) =>
    establish(s, 'Committee', d, { district: d, street: s }).then(() => undefined),
  );
  await pool(
    Array.from({ length: BRANCHES }, (_, b) => b),
    ESTABLISH_CONCURRENCY,
    (b) =>
      establish(`b-${b}`, 'JointBranch', streetOf(b), { district: districtOf(b), street: streetOf(b) }).then(
        () => undefined,
      ),
  );
  for (const deadline = Date.now() + 120_000; ;) {
    try {
      await gql(members, CITY, `{ members(organizationId: "b-${BRANCHES - 1}") { totalCount } }`);
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
  console.log(
    `  tree: ${1 + DISTRICTS + streets.length + BRANCHES} organizations established in ${round((performance.now() - started) / 1000)} s (${stamp()})`,
  );
}

/** The members, as bench:members imports them; then waits until the organizations service has every member's fact. */
async function importMembers(members: string, memberDb: Db, orgDb: Db): Promise<void> {
  const started = performance.now();
  for (let f = 0; f * PER_FILE < TOTAL; f += 1) {
    const rows = Array.from({ length: Math.min(PER_FILE, TOTAL - f * PER_FILE) }, (_, i) => row(f * PER_FILE + i));
    const report = await gql<{ importMembers: { imported: number; failed: number } }>(
      members,
      CITY,
      `mutation($input: ImportMembersInput!) { importMembers(input: $input) { imported failed } }`,
      { input: { fileName: `bench-${f}.csv`, content: [HEADER, ...rows].join('\n') } },
    );
    if (report.importMembers.failed > 0 || report.importMembers.imported !== rows.length)
      throw new Error(`import ${f}: ${JSON.stringify(report)}`);
  }
  const imported = (performance.now() - started) / 1000;
  const views = memberDb.collection('member_views');
  const facts = orgDb.collection('member_facts');
  for (;;) {
    const [projected, known] = await Promise.all([views.estimatedDocumentCount(), facts.estimatedDocumentCount()]);
    if (projected >= TOTAL && known >= TOTAL) break;
    await sleep(2_000);
  }
  console.log(
    `  ${TOTAL} members imported in ${round(imported)} s (${Math.round(TOTAL / imported)}/s); projected and known to the organizations service after ${round((performance.now() - started) / 1000)} s (${stamp()})`,
  );
}

/** Every member in the city (not transferred out), with their branch, from the members' read model, in id order. */
async function membersByBranch(memberDb: Db): Promise<Array<{ id: string; branch: number }>> {
  const docs = await memberDb
    .collection<{ _id: string; organizationId: string; status: string }>('member_views')
    .find({}, { projection: { _id: 1, organizationId: 1, status: 1 } })
    .toArray();
  return docs
    .filter((d) => d.status !== 'TransferredOut' && d.organizationId?.startsWith('b-'))
    .map((d) => ({ id: d._id, branch: branchIndex(d.organizationId) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

interface Planned {
  readonly scope: TransferScope;
  /** The member moving (null: new to the city). */
  readonly memberId: string | null;
  readonly from: number | null;
  readonly to: number | null;
  /** For a member new to the city: the number their registration uses. */
  readonly newcomer: number;
}

/** A fifth of the transfers of each scope, each of a different member, picked the same way in every run. */
function planTransfers(inCity: Array<{ id: string; branch: number }>): Planned[] {
  const movers = shuffled(inCity);
  if (movers.length < TRANSFERS)
    throw new Error(`${TRANSFERS} transfers need as many members; there are ${movers.length}`);
  return Array.from({ length: TRANSFERS }, (_, k) => {
    const scope = SCOPES[k % SCOPES.length]!;
    const mover = movers[k]!;
    if (scope === 'IntoCity')
      return { scope, memberId: null, from: null, to: mover.branch, newcomer: TOTAL + 1_000 + k };
    return { scope, memberId: mover.id, from: mover.branch, to: targetOf(scope, mover.branch), newcomer: 0 };
  });
}

/**
 * The peer: the same transfers as plain documents, each step one write by key with the same concurrency — the
 * transfer inserted, one update per approval, the acceptance, and the member's branch updated (a new member
 * inserted, one leaving marked) — on the same database, before Lianjian's transfers.
 */
async function peerTransfers(db: Db, plan: readonly Planned[]): Promise<number> {
  const peerMembers = db.collection<{ _id: string; organizationId: string | null; status: string }>('members');
  const peerTransfers = db.collection<{
    _id: string;
    memberId: string;
    scope: TransferScope;
    fromOrganizationId: string | null;
    toOrganizationId: string | null;
    status: string;
    approvedBy: string[];
    initiatedOn: string;
    closedOn?: string;
  }>('transfers');
  const movers = plan.filter((p) => p.memberId);
  for (let i = 0; i < movers.length; i += 1_000)
    await peerMembers.insertMany(
      movers.slice(i, i + 1_000).map((p) => ({ _id: p.memberId!, organizationId: `b-${p.from}`, status: 'Normal' })),
    );
  const started = performance.now();
  await pool(plan, CONCURRENCY, async (p) => {
    const _id = randomUUID();
    const memberId = p.memberId ?? `new-${p.newcomer}`;
    await peerTransfers.insertOne({
      _id,
      memberId,
      scope: p.scope,
      fromOrganizationId: p.from === null ? null : `b-${p.from}`,
      toOrganizationId: p.to === null ? null : `b-${p.to}`,
      status: 'AwaitingApproval',
      approvedBy: [],
      initiatedOn: TODAY,
    });
    for (let a = 0; a < approvalsOf[p.scope]; a += 1)
      await peerTransfers.updateOne(
        { _id },
        {
          $push: { approvedBy: `approver-${a}` },
          $set: { status: a + 1 === approvalsOf[p.scope] ? 'LetterIssued' : 'AwaitingApproval' },
        },
      );
    await peerTransfers.updateOne({ _id }, { $set: { status: 'Landed', closedOn: TODAY } });
    if (!p.memberId) await peerMembers.insertOne({ _id: memberId, organizationId: `b-${p.to}`, status: 'Normal' });
    else
      await peerMembers.updateOne(
        { _id: memberId },
        { $set: p.to === null ? { organizationId: null, status: 'TransferredOut' } : { organizationId: `b-${p.to}` } },
      );
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`  peer: ${plan.length} transfers in ${round(seconds)} s (${stamp()})`);
  return plan.length / seconds;
}

interface Accepted {
  readonly transferId: string;
  readonly scope: TransferScope;
  readonly sent: number;
  readonly answered: number;
}

/** The transfers through the members subgraph, CONCURRENCY at once, each from initiation to landing. */
async function runTransfers(url: string, plan: readonly Planned[]) {
  type View = { id: string; status: string; scope: string; nextApproverId: string | null; memberLanded: boolean };
  const calls: Record<'initiate' | 'approve' | 'accept', number[]> = { initiate: [], approve: [], accept: [] };
  const initiateByDecile: number[][] = Array.from({ length: 10 }, () => []);
  const accepted: Accepted[] = [];
  const perScope = new Map<TransferScope, number[]>();
  const done: number[] = [];
  const timed = async <T>(kind: keyof typeof calls, call: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await call();
    calls[kind].push(performance.now() - t);
    return result;
  };
  const started = performance.now();
  let reported = 0;
  await pool(plan, CONCURRENCY, async (p, k) => {
    const t0 = performance.now();
    const sender = p.scope === 'IntoCity' ? `b-${p.to}` : `b-${p.from}`;
    const receiver = p.to === null ? `b-${p.from}` : `b-${p.to}`;
    const input = {
      transferId: randomUUID(),
      memberId: p.memberId,
      intoCity: p.scope === 'IntoCity' || null,
      toOrganizationId: p.to === null ? null : `b-${p.to}`,
      outsideOrganization: p.scope === 'OutOfCity' || p.scope === 'IntoCity' ? '中共某省某市某委员会' : null,
      reason: '工作调动',
      letterNumber: `沪组转〔2026〕${k + 1}号`,
    };
    const i0 = performance.now();
    let view = (
      await timed('initiate', () =>
        gql<{ initiateTransfer: View }>(
          url,
          adminOf(sender),
          `mutation($input: InitiateTransferInput!) { initiateTransfer(input: $input) { ${TRANSFER_FIELDS} } }`,
          { input },
        ),
      )
    ).initiateTransfer;
    initiateByDecile[Math.min(9, Math.floor((k / plan.length) * 10))]!.push(performance.now() - i0);
    if (view.scope !== p.scope) throw new Error(`planned ${p.scope}, initiated ${view.scope}`);
    while (view.status === 'AwaitingApproval') {
      view = (
        await timed('approve', () =>
          gql<{ approveTransfer: View }>(
            url,
            adminOf(view.nextApproverId!),
            `mutation($input: TransferStepInput!) { approveTransfer(input: $input) { ${TRANSFER_FIELDS} } }`,
            { input: { transferId: view.id } },
          ),
        )
      ).approveTransfer;
    }
    if (view.status !== 'LetterIssued') throw new Error(`transfer ${view.id}: ${view.status} after its approvals`);
    const incomingMember =
      p.scope === 'IntoCity'
        ? {
            organizationId: `b-${p.to}`,
            name: `转入党员${p.newcomer}`,
            idNumber: idNumber(p.newcomer),
            ethnicity: '汉族',
            education: '大学',
            category: 'Employed',
            joinedOn: '2010-07-01',
            fullMembershipOn: '2011-07-01',
          }
        : null;
    const sent = now();
    view = (
      await timed('accept', () =>
        gql<{ acceptTransfer: View }>(
          url,
          adminOf(receiver),
          `mutation($input: AcceptTransferInput!) { acceptTransfer(input: $input) { ${TRANSFER_FIELDS} } }`,
          { input: { transferId: view.id, reportedOn: TODAY, incomingMember } },
        ),
      )
    ).acceptTransfer;
    const answered = now();
    if (view.status !== 'Landed' || !view.memberLanded)
      throw new Error(`transfer ${view.id}: ${view.status}, not landed`);
    accepted.push({ transferId: view.id, scope: p.scope, sent, answered });
    const list = perScope.get(p.scope) ?? [];
    list.push(performance.now() - t0);
    perScope.set(p.scope, list);
    done.push(performance.now() - started);
    if (done.length - reported >= Math.max(500, TRANSFERS / 10)) {
      reported = done.length;
      console.log(
        `  ${done.length}/${plan.length} transfers landed, ${round(done.length / ((performance.now() - started) / 1000))}/s so far (${stamp()})`,
      );
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const ms = (values: number[]) => `p50 ${round(median(values))} p99 ${round(percentile(values, 99))} ms`;
  for (const [kind, values] of Object.entries(calls)) console.log(`  ${kind}: ${values.length} calls, ${ms(values)}`);
  for (const scope of SCOPES)
    console.log(`  ${scope} (${approvalsOf[scope]} approvals): initiation to landing ${ms(perScope.get(scope) ?? [])}`);
  const tenth = Math.max(1, Math.floor(done.length / 10));
  const windows = Array.from({ length: 10 }, (_, w) => {
    const end = done[Math.min(done.length - 1, (w + 1) * tenth - 1)]!;
    const begin = w === 0 ? 0 : done[w * tenth - 1]!;
    return round(tenth / ((end - begin) / 1000));
  });
  console.log(`  transfers/s by tenth of the run: ${windows.join(', ')}`);
  console.log(
    `  initiation p50 by tenth of the run (the transfers read model growing to ${TRANSFERS}): ${initiateByDecile.map((d) => round(median(d))).join(', ')} ms`,
  );
  return { seconds, accepted, initiateP50: median(calls.initiate) };
}

/**
 * Acceptance → MemberTransferred consumed: waits for every transfer's event, then p50 / p99 from the acceptance's
 * answer (the event may be consumed before the answer arrives: negative), from its request, and from the event's own
 * commit (its occurredAt: relay, Kafka and the consumer alone); and that each transfer was seen once.
 */
async function acceptedToConsumed(consumer: ReturnType<typeof startConsumer>, accepted: readonly Accepted[]) {
  const wanted = new Set(accepted.map((a) => a.transferId));
  const deadline = Date.now() + 120_000;
  const byTransfer = () => {
    const seen = new Map<string, Array<{ at: number; committedAt: number }>>();
    for (const { transferId, ...times } of consumer.seen.values())
      seen.set(transferId, [...(seen.get(transferId) ?? []), times]);
    return seen;
  };
  let seen = byTransfer();
  while ([...wanted].some((id) => !seen.has(id))) {
    if (consumer.failure()) throw new Error(`outside consumer: ${consumer.failure()}`);
    if (Date.now() > deadline) break;
    await sleep(250);
    seen = byTransfer();
  }
  await sleep(2_000); // late duplicates, if any
  seen = byTransfer();
  const missing = [...wanted].filter((id) => !seen.has(id)).length;
  const twice = [...seen.values()].filter((ats) => ats.length > 1).length;
  const [fromAnswer, fromRequest, fromCommit]: [number[], number[], number[]] = [[], [], []];
  for (const a of accepted) {
    const consumed = seen.get(a.transferId)?.[0];
    if (!consumed) continue;
    fromAnswer.push(consumed.at - a.answered);
    fromRequest.push(consumed.at - a.sent);
    fromCommit.push(consumed.at - consumed.committedAt);
  }
  const ms = (values: number[]) =>
    `p50 ${round(median(values))} ms p99 ${round(percentile(values, 99))} ms (max ${round(values.reduce((m, v) => Math.max(m, v), -Infinity))})`;
  console.log(
    `acceptance → MemberTransferred consumed outside (${fromAnswer.length} of ${accepted.length}; kafkajs, own group, contract-decoded): from the acceptance's answer ${ms(fromAnswer)}, ${fromAnswer.filter((d) => d < 0).length} consumed before the answer arrived`,
  );
  console.log(`  from the acceptance's request ${ms(fromRequest)}; from MemberTransferred's commit ${ms(fromCommit)}`);
  console.log(
    `  exactly once: ${missing} transfers missing, ${twice} with two different event ids, ${consumer.duplicates()} duplicate deliveries absorbed by eventId`,
  );
}

/** Waits until the member-state projection (which folds the transfers read model) has reached the store's head. */
async function reachProjection(memberDb: Db, store: MongoEventStore, when: string): Promise<void> {
  const leases = memberDb.collection<{ _id: string; position?: number }>('leases');
  const started = performance.now();
  for (;;) {
    const [lease, head] = await Promise.all([leases.findOne({ _id: 'projection:member-state' }), store.headPosition()]);
    if ((lease?.position ?? 0) >= head) break;
    await sleep(500);
  }
  console.log(`  projection at the head ${when} (waited ${round((performance.now() - started) / 1000)} s)`);
}

async function reachRelay(memberDb: Db, store: MongoEventStore): Promise<void> {
  const leases = memberDb.collection<{ _id: string; checkpoint?: number }>('leases');
  const started = performance.now();
  for (;;) {
    const [lease, head] = await Promise.all([leases.findOne({ _id: 'relay:members' }), store.headPosition()]);
    if ((lease?.checkpoint ?? 0) >= head) break;
    await sleep(500);
  }
  console.log(`  relay at the head (waited ${round((performance.now() - started) / 1000)} s)`);
}

const transferDecider = deciderOf<TransferState, TransferCommand, TransferEvent>(
  decideTransfer,
  evolveTransfer,
  () => null,
);

/**
 * OPEN letters issued, one per member in the city (scopes in turn; into the city for a new member's number): the
 * commits the service's initiate and approve commands append, written by the same decider and store code.
 */
async function seedOpenLetters(
  store: MongoEventStore,
  memberDb: Db,
  inCity: Array<{ id: string; branch: number }>,
): Promise<number> {
  const reservations = memberDb.collection<{ _id: string; transferId: string; reservedAt: Date }>(
    'transfer_reservations',
  );
  const open = Math.min(OPEN, inCity.length);
  if (open < OPEN) console.log(`  only ${open} members in the city: ${open} open letters, one each`);
  const place = (b: number) => ({ path: branchPath(b), district: districtOf(b), organizationId: `b-${b}` });
  const started = performance.now();
  let commits = 0;
  await pool(inCity.slice(0, open), SEED_CONCURRENCY, async (member, k) => {
    const scope = SCOPES[k % SCOPES.length]!;
    const to = scope === 'IntoCity' ? member.branch : targetOf(scope, member.branch);
    const transferId = randomUUID();
    const district = districtOf(member.branch);
    const memberId = scope === 'IntoCity' ? cardNumberFrom(String(90_000_000_000_000 + k).slice(-14)) : member.id;
    // the member's reservation (one transfer under way per member), taken over from the transfer that landed
    await reservations.updateOne({ _id: memberId }, { $set: { transferId, reservedAt: new Date() } }, { upsert: true });
    const initiate: TransferCommand = {
      kind: 'InitiateTransfer',
      transferId,
      memberId,
      from: scope === 'IntoCity' ? null : place(member.branch),
      to: to === null ? null : { ...place(to), active: true, canHoldMembers: true },
      outsideOrganization: to === null || scope === 'IntoCity' ? '中共某省某市某委员会' : null,
      acrossProvinces: false,
      reason: null,
      letterNumber: `沪组转〔2026〕${100_000 + k}号`,
      validityMonths: null,
      duesPaidUntil: null,
      arrearsMonths: 0,
      expectedReportOn: null,
      today: TODAY,
      rules: DEFAULT_TRANSFER_RULES,
    };
    const context = () => ({
      commitId: randomUUID(),
      actor: 'bench:seed',
      district,
      correlationId: null,
      causationId: null,
    });
    let handled = await handleCommand(store, transferStreamId(transferId), transferDecider, initiate, context(), {
      loaded: { state: null, version: 0 },
      replayable: false,
    });
    commits += 1;
    while (handled.state?.status === 'AwaitingApproval') {
      const approverId = handled.state.approvalPath[handled.state.approvedBy.length]!;
      handled = await handleCommand(
        store,
        transferStreamId(transferId),
        transferDecider,
        { kind: 'ApproveTransfer', approverId, today: TODAY, rules: DEFAULT_TRANSFER_RULES },
        context(),
        { loaded: { state: handled.state, version: handled.version }, replayable: false },
      );
      commits += 1;
    }
    if (handled.state?.status !== 'LetterIssued')
      throw new Error(`seeded transfer ${transferId}: ${handled.state?.status}`);
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`  ${open} open letters seeded (${commits} commits) in ${round(seconds)} s (${stamp()})`);
  return open;
}

/** The peer's sweep: as many plain documents past validity, found 1,000 at a time, each recorded and updated by key. */
async function peerSweep(db: Db, open: number): Promise<number> {
  const letters = db.collection<{ _id: string; memberId: string; status: string; validUntil: string }>('letters');
  const expiries = db.collection<{ _id: string; transferId: string; expiredOn: string }>('expiries');
  for (let i = 0; i < open; i += 1_000)
    await letters.insertMany(
      Array.from({ length: Math.min(1_000, open - i) }, (_, k) => ({
        _id: `t-${i + k}`,
        memberId: `m-${i + k}`,
        status: 'LetterIssued',
        validUntil: '2026-12-21',
        letterNumber: `沪组转〔2026〕${i + k}号`,
        fromOrganizationId: 'b-1',
        toOrganizationId: 'b-2',
      })),
    );
  const started = performance.now();
  for (;;) {
    const due = await letters
      .find({ status: 'LetterIssued', validUntil: { $lt: SWEEP_TODAY } })
      .limit(1_000)
      .toArray();
    if (!due.length) break;
    await expiries.insertMany(due.map((d) => ({ _id: randomUUID(), transferId: d._id, expiredOn: SWEEP_TODAY })));
    await letters.bulkWrite(
      due.map((d) => ({
        updateOne: { filter: { _id: d._id }, update: { $set: { status: 'Expired' } } },
      })),
      { ordered: false },
    );
  }
  const seconds = (performance.now() - started) / 1000;
  if ((await expiries.estimatedDocumentCount()) !== open) throw new Error('peer sweep: wrong count');
  console.log(`  peer sweep: ${open} plain letters expired in ${round(seconds)} s (${stamp()})`);
  return seconds;
}

/**
 * The sweep on the instances started with the later day: follows the log from the head before they started until it
 * holds one TransferExpired per open letter; then, a few sweeps later, checks that none expired twice. Its time runs
 * from the first instance answering (or the first expiry, if earlier: an instance sweeps once it has booted) to the
 * last expiry (the commits' own time).
 */
async function sweep(
  store: MongoEventStore,
  head: number,
  open: number,
  sweepers: readonly Service[],
  pids: Record<string, number | undefined>,
): Promise<number> {
  const started = now();
  const cpuBefore = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
  let cpu = '';
  const perStream = new Map<string, number>();
  let [first, last] = [Number.POSITIVE_INFINITY, 0];
  let position = head;
  let expired = 0;
  let lastLog = started;
  const follow = async () => {
    for (;;) {
      const commits = await store.readAllCommits(position, 2_000);
      if (!commits.length) return;
      for (const commit of commits) {
        position = commit.globalPosition;
        for (const event of commit.events)
          if (event.type === 'TransferExpired') {
            expired += 1;
            perStream.set(event.streamId, (perStream.get(event.streamId) ?? 0) + 1);
            first = Math.min(first, event.occurredAt.getTime());
            last = Math.max(last, event.occurredAt.getTime());
          }
      }
    }
  };
  while (expired < open) {
    await follow();
    if (expired >= open) {
      cpu = Object.entries(pids)
        .map(([k, pid]) => `${k} ${round((cpuSeconds(pid) ?? 0) - (cpuBefore[k] ?? 0))} s`)
        .join(', ');
      break;
    }
    if (now() - started > SWEEP_TIMEOUT_MS)
      throw new Error(`sweep: ${expired} of ${open} expired after the time limit`);
    if (now() - lastLog > 15_000) {
      lastLog = now();
      console.log(`  sweep: ${expired}/${open} expired after ${round((now() - started) / 1000)} s (${stamp()})`);
    }
    await sleep(100);
  }
  await sleep(Math.max(3_000, SWEEP_MS * 5)); // more sweeps on every instance: nothing more to expire
  await follow();
  const twice = [...perStream.values()].filter((n) => n > 1).length;
  const ready = Math.min(...sweepers.map((s) => s.readyAt));
  const seconds = (last - Math.min(ready, first)) / 1000;
  console.log(
    `  sweep: ${expired} TransferExpired on ${perStream.size} transfers (${twice} expired more than once); ${round(seconds)} s from the first instance answering to the last expiry (first to last expiry ${round((last - first) / 1000)} s; the instances answered ${round(Math.abs(sweepers.at(-1)!.readyAt - sweepers[0]!.readyAt) / 1000)} s apart)`,
  );
  console.log(`  CPU from the instances answering to the last expiry seen: ${cpu}`);
  for (const s of sweepers) {
    const counted = s.swept.reduce((sum, x) => sum + x.expired, 0);
    console.log(
      `  ${s.name}: ${s.swept.length} sweeps that expired something, ${counted} letters expired as its log counts them`,
    );
  }
  if (twice || perStream.size !== open) throw new Error('sweep: a letter expired more than once, or one did not');
  return seconds;
}

/** One initiation's cost once the transfers read model holds every transfer: 20 into the city, one at a time. */
async function initiationAtSize(url: string, memberDb: Db, earlierP50: number): Promise<void> {
  const views = await memberDb.collection('transfer_views').estimatedDocumentCount();
  const ms: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const t = performance.now();
    await gql(
      url,
      adminOf(`b-${i}`),
      `mutation($input: InitiateTransferInput!) { initiateTransfer(input: $input) { id } }`,
      {
        input: {
          intoCity: true,
          toOrganizationId: `b-${i}`,
          outsideOrganization: '中共某省某市某委员会',
          reason: '工作调动',
          letterNumber: `沪组转〔2027〕${i + 1}号`,
        },
      },
    );
    ms.push(performance.now() - t);
  }
  console.log(
    `initiation with ${views} transfers in the read model: p50 ${round(median(ms))} ms p99 ${round(percentile(ms, 99))} ms (20 into the city one at a time, idle services); during the transfers p50 ${round(earlierP50)} ms`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
