// npm run bench:projects — ratings of co-building projects (issue 13 §7) beside a plain insert peer, in one run, on
// its own Kafka and database (LIANJIAN_INFRA_DIR, default .infra/bench-projects; `infra.sh down` after):
//  0. a district (`huangpu`) of 10 street committees established through the organizations service; --councils
//     councils (default 200, 20 per street: a street council and community councils) convened through the projects
//     subgraph's conveneCouncil; --projects projects (default 5,000, spread over the councils) brought to Completed by
//     appending the commits the service's project commands append (propose, resolve, approve, claim, start, complete:
//     the domain's decideProject on the same store code, one commit per command) — through GraphQL each would need its
//     needs, sessions and member units first; the needs, sessions and units they name are not seeded. Then the bulk
//     of the --ratings ratings (default 1,000,000, all but the public and sampled ones) appended to the event store
//     as the public path appends them: decideRating on the project, one commit per rating on the rater's own stream
//     `rating-<projectId>-<raterKey>` (raterKey of a distinct mobile number under the service's master key), expected
//     no stream, actor `public-rater`. The running service projects them (views, satisfaction counts, the district's
//     ranking) and publishes them; the measuring starts once projection and relay are at the head.
//  1. --public ratings (default 20,000), --concurrency at once (default 32), through the public endpoint over HTTP
//     (`/public/graphql`, rateProject with a link from projectRatingLink, a distinct mobile number each, each rater
//     behind the ingress with its own X-Forwarded-For address: the per-address rate limit counts every one), against
//     the peer: as many rating documents inserted one by one (insertOne, keyed by project and a hash of the number so a
//     second rating is refused by the primary key) into a collection of the same database with the same concurrency.
//     Ratings/s and the ratio.
//  2. rating → satisfaction rate: --sample ratings (default 200), one at a time on an idle pipeline, each on another
//     project: from the moment rateProject is sent until the project's satisfaction document (the counts
//     `project.satisfaction` reads, by key) counts it. p50 / p99.
//  3. satisfactionRanking over the district (every project rated) through the projects subgraph with a district
//     admin's signed caller header: --queries queries (default 500), one at a time. p50 / p99.
//  Last: the district's satisfaction count checked against every rating sent, and the processes' peak memory.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { type Db, MongoClient } from 'mongodb';
import { type Caller } from '../../libs/shared/auth/src';
import { ExpectedVersion, MongoEventStore, deciderOf, handleCommand } from '../../libs/shared/event-store/src';
import { projectsStreamId, ratingStreamId } from '../../libs/projects/contracts/src';
import {
  type ProjectCommand,
  type ProjectEvent,
  type ProjectState,
  type Region,
  SATISFACTION_LEVELS,
  type SatisfactionLevel,
  decideProject,
  decideRating,
  evolveProject,
} from '../../libs/projects/domain/src';
import { PUBLIC_RATER_SUBJECT } from '../../apps/projects/src/application/rating/rating.commands';
import { raterKey, raterKeySecret } from '../../apps/projects/src/public/rater-key';
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
  postJson,
  repoRoot,
  signedGql,
  stopServices,
  untilHealthy,
} from './common';

// ---- options: --name value (or BENCH_NAME) ----------------------------------------------------------------------
function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const text = at >= 0 ? process.argv[at + 1] : process.env[`BENCH_${name.toUpperCase()}`];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} takes a whole number, not ${text}`);
  return value;
}
const RATINGS = option('ratings', 1_000_000);
const PUBLIC = Math.min(option('public', 20_000), RATINGS);
const SAMPLE = Math.min(option('sample', 200), RATINGS - PUBLIC);
const COUNCILS = option('councils', 200);
const PROJECTS = option('projects', 5_000);
const CONCURRENCY = option('concurrency', 32);
const QUERIES = option('queries', 500);
/** Rating commits appended at once while seeding (the store's group commit writes them together). */
const SEED_CONCURRENCY = option('seed-concurrency', 256);
const SEEDED = RATINGS - PUBLIC - SAMPLE;

const INFRA_DIR = process.env['LIANJIAN_INFRA_DIR'] || path.join(repoRoot, '.infra/bench-projects');
const TODAY = '2026-11-22';
const DISTRICT = 'huangpu';
const STREETS = 10;
const SECRET = randomUUID();
const MASTER_KEY = randomBytes(32);
const ADMIN: Caller = {
  subject: 'bench-huangpu',
  role: 'DISTRICT_ADMIN',
  district: DISTRICT,
  organizationId: null,
  memberId: null,
};
const CITY: Caller = {
  subject: 'bench-city',
  role: 'CITY_ADMIN',
  district: null,
  organizationId: null,
  memberId: null,
};
const COMMENTS = ['活动组织得很好，希望多办几次', '志愿者很热情', '场地有点小', '时间安排合理', null, null, null, null];

const round = (n: number) => Math.round(n * 10) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stamp = () => new Date().toISOString();
const streetOf = (s: number) => `s-${String(s).padStart(2, '0')}`;
/** Distinct mainland mobile numbers: 139… for the seeded raters, 138… the public phase's, 137… the samples'. */
const mobile = (prefix: '139' | '138' | '137', i: number) => `${prefix}${String(i).padStart(8, '0')}`;
const levelOf = (i: number): SatisfactionLevel => SATISFACTION_LEVELS[[0, 0, 0, 1, 1, 1, 2, 2, 3, 0][i % 10]!]!;
/** A day in the two months before today (ratings open when a project is completed, 2026-09-30 here). */
const ratedOnOf = (i: number) => new Date(Date.UTC(2026, 9, 1) + (i % 52) * 86_400_000).toISOString().slice(0, 10);

const gql = <T>(url: string, caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<T> =>
  signedGql<T>(url, caller, SECRET, query, variables);

// ---- infrastructure ---------------------------------------------------------------------------------------------
/** Starts a built service (dist/) and waits until /health answers. */
async function startService(name: string, entry: string, env: Record<string, string>, port: number) {
  // BENCH_PROFILE=<service> writes that service's CPU profile (node --cpu-prof) into .infra/bench-projects/profiles
  const profile =
    process.env['BENCH_PROFILE'] === name
      ? ['--cpu-prof', `--cpu-prof-dir=${path.join(repoRoot, '.infra/bench-projects/profiles')}`]
      : [];
  const child = spawn(process.execPath, [...profile, path.join(repoRoot, entry)], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', process.env['BENCH_VERBOSE'] ? 'inherit' : 'ignore', 'inherit'],
  });
  await untilHealthy(name, child, port);
  return { name, child, base: `http://127.0.0.1:${port}`, url: `http://127.0.0.1:${port}/graphql` };
}

// ---- the district --------------------------------------------------------------------------------------------------
interface CouncilSeed {
  readonly id: string;
  readonly convenerOrganizationId: string;
  readonly region: Region;
}
interface ProjectSeed {
  readonly id: string;
  readonly council: CouncilSeed;
}

/** The city, Huangpu and its streets in the organizations service; waits until the projects service knows them. */
async function buildDistrict(orgs: string, projectsDb: Db): Promise<void> {
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
  await establish('city', 'Committee', null, {});
  await establish(DISTRICT, 'Committee', 'city', { district: DISTRICT });
  for (let s = 0; s < STREETS; s += 1)
    await establish(streetOf(s), 'WorkingCommittee', DISTRICT, { district: DISTRICT, street: streetOf(s) });
  const refs = projectsDb.collection<{ _id: string }>('organization_refs');
  for (const deadline = Date.now() + 120_000; !(await refs.findOne({ _id: streetOf(STREETS - 1) }));) {
    if (Date.now() > deadline) throw new Error('the projects service did not learn the district from Kafka');
    await sleep(200);
  }
}

/** The councils, through the projects subgraph: per street one street council, the rest community councils. */
async function conveneCouncils(projects: string): Promise<CouncilSeed[]> {
  const councils = Array.from({ length: COUNCILS }, (_, c): CouncilSeed => {
    const street = streetOf(c % STREETS);
    const community = c < STREETS ? null : `${street}-c${Math.floor(c / STREETS)}`;
    return {
      id: `council-${String(c).padStart(4, '0')}`,
      convenerOrganizationId: street,
      region: { district: DISTRICT, street, community },
    };
  });
  await pool(councils, 8, async (c) => {
    await gql(projects, ADMIN, `mutation($input: ConveneCouncilInput!) { conveneCouncil(input: $input) { id } }`, {
      input: {
        councilId: c.id,
        name: `${c.region.community ?? c.region.street}联席会议`,
        kind: c.region.community ? 'JointConference' : 'StreetWorkingCommittee',
        level: c.region.community ? 'Community' : 'Street',
        convenerOrganizationId: c.convenerOrganizationId,
        street: c.region.street,
        community: c.region.community,
        convenedOn: '2026-01-05',
      },
    });
  });
  return councils;
}

/** A project command before its day is added. */
type UndatedProjectCommand = ProjectCommand extends infer C ? (C extends unknown ? Omit<C, 'today'> : never) : never;

const projectDecider = deciderOf<ProjectState, ProjectCommand, ProjectEvent>(decideProject, evolveProject, () => null);

/**
 * The projects, each brought to Completed by the commits its commands append in the service (one per command, the
 * domain's decideProject, the store's code); PROJECTS at SEED_CONCURRENCY / 4 at once.
 */
async function seedProjects(store: MongoEventStore, councils: readonly CouncilSeed[]): Promise<ProjectSeed[]> {
  const seeds = Array.from({ length: PROJECTS }, (_, p): ProjectSeed => ({
    id: randomUUID(),
    council: councils[p % councils.length]!,
  }));
  const started = performance.now();
  await pool(seeds, Math.max(1, SEED_CONCURRENCY >> 2), async ({ id, council }, p) => {
    const stream = projectsStreamId('project', id);
    const unitId = `unit-${p % 400}`;
    const steps: UndatedProjectCommand[] = [
      {
        kind: 'ProposeProject',
        projectId: id,
        councilId: council.id,
        convenerOrganizationId: council.convenerOrganizationId,
        title: `共建项目 ${p + 1}`,
        category: (['SocialManagement', 'PublicServices', 'ResourceIntegration'] as const)[p % 3]!,
        needIds: [`need-${p}`],
        region: council.region,
        proposedOn: '2026-03-02',
      },
      {
        kind: 'ResolveProject',
        sessionId: `session-${council.id}-1`,
        resolution: 1 + (p % 20),
        resolvedOn: '2026-03-16',
      },
      { kind: 'ApproveProject', approverOrganizationId: council.convenerOrganizationId, approvedOn: '2026-03-20' },
      {
        kind: 'ClaimProject',
        commitment: {
          unitId,
          organizationId: null,
          resources: [{ kind: 'Volunteers', quantity: 10, unit: '人' }],
          description: '组织志愿者服务',
        },
        memberUnitIds: [unitId],
        claimedOn: '2026-04-01',
      },
      { kind: 'StartProject', startedOn: '2026-04-15' },
      { kind: 'CompleteProject', completedOn: '2026-09-30' },
    ];
    let loaded: { state: ProjectState; version: number } = { state: null, version: 0 };
    for (const step of steps) {
      const handled = await handleCommand(
        store,
        stream,
        projectDecider,
        { ...step, today: TODAY },
        { commitId: randomUUID(), actor: 'bench-huangpu', district: DISTRICT, correlationId: null, causationId: null },
        { loaded, replayable: false },
      );
      loaded = { state: handled.state, version: handled.version };
    }
    if (loaded.state?.status !== 'Completed') throw new Error(`project ${id}: ${loaded.state?.status}`);
  });
  console.log(
    `  ${PROJECTS} projects brought to Completed (${PROJECTS * 6} commits) in ${round((performance.now() - started) / 1000)} s (${stamp()})`,
  );
  return seeds;
}

/**
 * SEEDED ratings appended as the public path appends them (RatingCommands.rate): decideRating on the completed
 * project, one commit on the rater's stream, expected no stream, actor public-rater; raters' numbers 139…, the
 * projects in turn (so every project has RATINGS / PROJECTS of them).
 */
async function seedRatings(store: MongoEventStore, projects: readonly ProjectSeed[]): Promise<void> {
  const secret = raterKeySecret(MASTER_KEY);
  const started = performance.now();
  let done = 0;
  let reported = started;
  const indices = { length: SEEDED } as ArrayLike<unknown>;
  await pool(
    Array.from(indices, (_, i) => i),
    SEED_CONCURRENCY,
    async (i) => {
      const { id: projectId, council } = projects[i % projects.length]!;
      const [event] = decideRating(
        {
          kind: 'RateProject',
          projectId,
          ratingId: randomUUID(),
          level: levelOf(i),
          comment: COMMENTS[i % COMMENTS.length]!,
          ratedOn: ratedOnOf(i),
          today: TODAY,
        },
        { project: { status: 'Completed', councilId: council.id, region: council.region } },
      );
      await store.append(
        ratingStreamId(projectId, raterKey(secret, projectId, mobile('139', i))),
        ExpectedVersion.noStream,
        [event!],
        { commitId: randomUUID(), actor: PUBLIC_RATER_SUBJECT, district: DISTRICT },
      );
      done += 1;
      if (performance.now() - reported > 15_000) {
        reported = performance.now();
        console.log(`  ${done} of ${SEEDED} ratings appended (${Math.round(done / ((reported - started) / 1000))}/s)`);
      }
    },
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  ${SEEDED} ratings appended to the event store in ${round(seconds)} s (${Math.round(SEEDED / seconds)} commits/s, ${SEED_CONCURRENCY} at once) (${stamp()})`,
  );
}

/** Waits until the service's projection (`projection:projects-state`) and relay (`relay:projects`) are at the head. */
async function reachHead(projectsDb: Db, store: MongoEventStore, when: string): Promise<void> {
  const leases = projectsDb.collection<{ _id: string; position?: number; checkpoint?: number }>('leases');
  const head = await store.headPosition();
  const started = performance.now();
  let projectedAt: number | null = null;
  let reported = started;
  for (;;) {
    const [projection, relay] = await Promise.all([
      leases.findOne({ _id: 'projection:projects-state' }),
      leases.findOne({ _id: 'relay:projects' }),
    ]);
    if (projectedAt === null && (projection?.position ?? 0) >= head) projectedAt = performance.now();
    if (projectedAt !== null && (relay?.checkpoint ?? 0) >= head) break;
    if (performance.now() - reported > 15_000) {
      reported = performance.now();
      console.log(
        `  at ${head}: projection ${projection?.position ?? 0}, relay ${relay?.checkpoint ?? 0} (${stamp()})`,
      );
    }
    await sleep(250);
  }
  console.log(
    `  ${when}: projection at the head (${head}) after ${round((projectedAt - started) / 1000)} s, relay after ${round((performance.now() - started) / 1000)} s`,
  );
}

// ---- the measures ------------------------------------------------------------------------------------------------
const RATE = `mutation($input: RateProjectInput!) { rateProject(input: $input) { level comment } }`;

/** One rating through the public endpoint, as a rater's phone sends it (its own address behind the ingress). */
async function rate(
  publicUrl: string,
  link: string,
  contact: string,
  address: string,
  level: SatisfactionLevel,
  comment: string | null,
): Promise<void> {
  const body = (await postJson(
    publicUrl,
    { 'x-forwarded-for': address },
    { query: RATE, variables: { input: { link, contact, level, comment } } },
  )) as { data?: { rateProject?: { level?: string } }; errors?: unknown[] };
  if (body.errors?.length || body.data?.rateProject?.level !== level)
    throw new Error(`rateProject: ${JSON.stringify(body).slice(0, 600)}`);
}

/** 10.x.y.z for the i-th rater: distinct addresses up to 16 million. */
const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** Each project's public rating link, as a council admin issues it (projectRatingLink). */
async function ratingLinks(projects: string, seeds: readonly ProjectSeed[]): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  const started = performance.now();
  await pool(seeds, 8, async ({ id }) => {
    const data = await gql<{ projectRatingLink: { code: string } }>(
      projects,
      ADMIN,
      `mutation($projectId: ID!) { projectRatingLink(projectId: $projectId) { code } }`,
      { projectId: id },
    );
    links.set(id, data.projectRatingLink.code);
  });
  console.log(`  ${links.size} rating links issued in ${round((performance.now() - started) / 1000)} s`);
  return links;
}

/** The peer: the same ratings as plain documents, inserted one by one with the same concurrency. */
async function peerRatings(db: Db, seeds: readonly ProjectSeed[]): Promise<number> {
  const ratings = db.collection<Record<string, unknown> & { _id: string }>('ratings');
  const started = performance.now();
  await pool(
    Array.from({ length: PUBLIC }, (_, i) => i),
    CONCURRENCY,
    async (i) => {
      const { id: projectId, council } = seeds[i % seeds.length]!;
      const phone = mobile('138', i);
      await ratings.insertOne({
        _id: `${projectId}-${createHash('sha256').update(`${projectId}\u0000${phone}`).digest('base64url').slice(0, 32)}`,
        projectId,
        ratingId: randomUUID(),
        councilId: council.id,
        region: council.region,
        level: levelOf(i),
        comment: COMMENTS[i % COMMENTS.length]!,
        ratedOn: TODAY,
      });
    },
  );
  return PUBLIC / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  console.log(`bench:projects on ${machine()}`);
  const infra = benchInfra(INFRA_DIR);
  console.log(
    `database: mongo-java-server 1.47.0 (${process.env['LIANJIAN_DB_BACKEND'] || 'compact'} backend, heap ${process.env['LIANJIAN_DB_HEAP'] || '8g'}), Kafka 3.9.1; state in ${path.relative(repoRoot, INFRA_DIR)}`,
  );
  console.log(
    `district ${DISTRICT}: ${STREETS} streets, ${COUNCILS} councils, ${PROJECTS} projects, ${RATINGS} ratings (${SEEDED} appended to the event store, ${PUBLIC} through the public endpoint ${CONCURRENCY} at once, ${SAMPLE} sampled one at a time)`,
  );
  const client = new MongoClient(infra.MONGODB_URI, { maxPoolSize: 64 });
  await client.connect();
  const run = randomBytes(3).toString('hex');
  const databases = { orgs: `bench_orgs_${run}`, projects: `bench_projects_${run}`, peer: `bench_peer_${run}` };
  const children: ChildProcess[] = [];
  try {
    const common = {
      ...infra,
      TOPIC_PREFIX: `bench${run}.`,
      GATEWAY_SUBGRAPH_SECRET: SECRET,
      LIANJIAN_TODAY: TODAY,
      LOG_LEVEL: 'warn',
    };
    const [orgPort, projectsPort] = await Promise.all([freePort(), freePort()]);
    const orgs = await startService(
      'organizations',
      'dist/apps/organizations/src/main.js',
      { ...common, MONGODB_DATABASE: databases.orgs },
      orgPort,
    );
    children.push(orgs.child);
    const projects = await startService(
      'projects',
      'dist/apps/projects/src/main.js',
      {
        ...common,
        MONGODB_DATABASE: databases.projects,
        PROJECTS_MASTER_KEY: MASTER_KEY.toString('base64'),
        // the bench is the ingress: each rater's address comes in X-Forwarded-For, and is rate-limited as such
        PROJECTS_TRUSTED_PROXY: '127.0.0.1',
      },
      projectsPort,
    );
    children.push(projects.child);
    const projectsDb = client.db(databases.projects);
    const store = new MongoEventStore({ db: projectsDb, prefix: 'projects', maxBatchSize: SEED_CONCURRENCY });

    // ---- 0. the district --------------------------------------------------------------------------------------
    const seedStarted = performance.now();
    await buildDistrict(orgs.url, projectsDb);
    const councils = await conveneCouncils(projects.url);
    console.log(
      `  ${STREETS} streets and ${councils.length} councils in ${round((performance.now() - seedStarted) / 1000)} s`,
    );
    const seeds = await seedProjects(store, councils);
    await reachHead(projectsDb, store, 'after the projects');
    await seedRatings(store, seeds);
    await reachHead(projectsDb, store, `after ${SEEDED} ratings`);
    const links = await ratingLinks(projects.url, seeds);

    // ---- 1. ratings accepted per second ----------------------------------------------------------------------
    const peerPerSecond = await peerRatings(client.db(databases.peer), seeds);
    const publicUrl = `${projects.base}/public/graphql`;
    const pids = {
      projects: projects.child.pid,
      database: infraPid(INFRA_DIR, 'mongodb'),
      kafka: infraPid(INFRA_DIR, 'kafka'),
    };
    const cpuBefore = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
    const benchCpuBefore = process.cpuUsage();
    const accepted: number[] = [];
    const started = performance.now();
    await pool(
      Array.from({ length: PUBLIC }, (_, i) => i),
      CONCURRENCY,
      async (i) => {
        const { id } = seeds[i % seeds.length]!;
        const t = performance.now();
        await rate(
          publicUrl,
          links.get(id)!,
          mobile('138', i),
          addressOf(i),
          levelOf(i),
          COMMENTS[i % COMMENTS.length]!,
        );
        accepted.push(performance.now() - t);
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = Object.entries(pids)
      .map(([k, pid]) => `${k} ${round((cpuSeconds(pid) ?? 0) - (cpuBefore[k] ?? 0))} s`)
      .join(', ');
    const benchCpu = process.cpuUsage(benchCpuBefore);
    console.log(
      `ratings through the public endpoint: ${PUBLIC} in ${round(seconds)} s, ${CONCURRENCY} at once: Lianjian ${round(PUBLIC / seconds)} ratings/s (each p50 ${round(median(accepted))} ms, p99 ${round(percentile(accepted, 99))} ms); peer (insertOne of plain rating documents) ${round(peerPerSecond)} ratings/s`,
    );
    console.log(`ratio vs plain insert (ratings/s): ${(PUBLIC / seconds / peerPerSecond).toFixed(3)}`);
    console.log(
      `  CPU during the ratings (of ${round(seconds * 2)} core-seconds): ${cpu}, this bench (the clients) ${round((benchCpu.user + benchCpu.system) / 1e6)} s`,
    );
    await reachHead(projectsDb, store, 'after the public ratings');

    // ---- 2. rating → satisfaction rate -------------------------------------------------------------------------
    const satisfaction = projectsDb.collection<{ _id: string; counts: Record<SatisfactionLevel, number> }>(
      'satisfaction',
    );
    const countOf = async (id: string) => {
      const doc = await satisfaction.findOne({ _id: id });
      return doc ? SATISFACTION_LEVELS.reduce((sum, l) => sum + (doc.counts[l] ?? 0), 0) : 0;
    };
    const latencies: number[] = [];
    for (let k = 0; k < SAMPLE; k += 1) {
      const { id } = seeds[(k * 7919) % seeds.length]!;
      const before = await countOf(`project:${id}`);
      const t = performance.now(); // from the moment the rating is sent: the count may move before the answer
      await rate(publicUrl, links.get(id)!, mobile('137', k), addressOf(PUBLIC + k), levelOf(k), null);
      while ((await countOf(`project:${id}`)) <= before) await sleep(2);
      latencies.push(performance.now() - t);
    }
    console.log(
      `rating → its project's satisfaction rate (${SAMPLE} ratings, one at a time, idle pipeline): p50 ${round(median(latencies))} ms, p99 ${round(percentile(latencies, 99))} ms`,
    );

    // ---- 3. the district's ranking -------------------------------------------------------------------------------
    const rankingMs: number[] = [];
    let ranked = 0;
    for (let q = 0; q < QUERIES; q += 1) {
      const t = performance.now();
      const data = await gql<{ satisfactionRanking: { totalCount: number } }>(
        projects.url,
        ADMIN,
        `query($district: String!) { satisfactionRanking(district: $district, first: 20) { totalCount edges { node { rank projectId title ratings rate } } } }`,
        { district: DISTRICT },
      );
      rankingMs.push(performance.now() - t);
      ranked = data.satisfactionRanking.totalCount;
    }
    console.log(
      `satisfactionRanking over ${ranked} projects of the district (${QUERIES} queries, one at a time, the first 20): p50 ${round(median(rankingMs))} ms, p99 ${round(percentile(rankingMs, 99))} ms`,
    );

    const district = await countOf(`district:${DISTRICT}`);
    console.log(
      `district ${DISTRICT} counts ${district} ratings; ${RATINGS} were sent (${district === RATINGS ? 'each once' : 'MISMATCH'})`,
    );
    if (district !== RATINGS) process.exitCode = 1;
    console.log(
      `peak resident memory: organizations ${peakRssMiB(orgs.child.pid) ?? '?'} MiB, projects ${peakRssMiB(projects.child.pid) ?? '?'} MiB, database ${peakRssMiB(infraPid(INFRA_DIR, 'mongodb')) ?? '?'} MiB, kafka ${peakRssMiB(infraPid(INFRA_DIR, 'kafka')) ?? '?'} MiB`,
    );
  } finally {
    await stopServices(children); // the services stop before their databases are dropped
    for (const name of Object.values(databases))
      await client
        .db(name)
        .dropDatabase()
        .catch(() => undefined);
    await client.close();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
