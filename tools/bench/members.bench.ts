// npm run bench:members — the members service beside a plain CRUD peer, in one run:
//  1. bulk import: BENCH_MEMBERS generated members (default 100,000) as CSV files of 10,000 rows through the members
//     subgraph's importMembers (validation, blind-index uniqueness, per-member keys, encryption, one event stream
//     per member, projection), against the peer: the same rows parsed and validated the same way, inserted as plain
//     documents (clear ID numbers, no events) with unique indexes, first, alone on the server (it then keeps
//     BENCH_PEER_KEEP documents for its lookups: all up to 200,000 members, else 100,000). Members/s and the ratio.
//  2. card lookup: memberByCard through the subgraph (HTTP + auth + scope + masking) with 100,000+ members, against
//     the peer's findOne by card number (its primary key): p50 / p99, twice — right after the import, while the relay
//     and the organizations service still work through it, and again once every imported member's event has reached
//     the organizations service (the time that drain took is printed too).
//  3. member event → organizations' counts: a registration's commit to the organizations service's member facts
//     (relay → Kafka → consumer), p50 / p99 over 50 registrations. Last, the services' peak resident memory.
// The lookups right after the import stop after BENCH_DRAIN_LOOKUP_SECONDS (default 120): under the drain a lookup
// can wait seconds. BENCH_ATTACH=<run>:<organizations port>:<members port>[:<organizations pid>:<members pid>], with
// BENCH_ATTACH_SECRET (the services' GATEWAY_SUBGRAPH_SECRET), measures 2 and 3 against the services and databases
// of an earlier run that is still up (no import, nothing stopped or dropped afterwards).
import { type ChildProcess, execFileSync } from 'node:child_process';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { BSON, MongoClient } from 'mongodb';
import { CALLER_HEADER, type Caller, signInternalToken } from '../../libs/shared/auth/src';
import { csvLines, isMalformed } from '../../apps/members/src/infrastructure/csv-lines';
import { cardNumberFrom, checkDigitOf, readHeader, readMemberRow } from '../../libs/members/domain/src';
import {
  benchDatabasePid,
  databaseLabel,
  freePort,
  infraEnv,
  machine,
  median,
  peakRssMiB,
  percentile,
  postJson,
  startSubgraphs,
  stopServices,
} from './common';

const TOTAL = Number(process.env['BENCH_MEMBERS'] ?? 100_000);
const PER_FILE = 10_000;
const LOOKUPS = Number(process.env['BENCH_LOOKUPS'] ?? 2_000);
const LATENCY_SAMPLES = Number(process.env['BENCH_LATENCY_SAMPLES'] ?? 50);
const ATTACH = process.env['BENCH_ATTACH']?.split(':') ?? null;
const SECRET = ATTACH ? (process.env['BENCH_ATTACH_SECRET'] ?? '') : randomUUID();
const DRAIN_LOOKUP_MS = Number(process.env['BENCH_DRAIN_LOOKUP_SECONDS'] ?? 120) * 1000;
type PeerMember = Record<string, unknown> & { _id: string; cardNumber: string; idNumber: string };
const CITY: Caller = { subject: 'bench', role: 'CITY_ADMIN', district: null, organizationId: null, memberId: null };
const HEADER =
  '姓名,性别,民族,公民身份号码,手机号码,学历,人员类别,申请入党日期,确定积极分子日期,确定发展对象日期,入党日期,转正日期,党籍状态,所在党组织编号,工作单位编号,月收入,党内职务';
/** Members per branch (a city: 1,000,000 members in about 10,000 organizations); the tree has TOTAL / this branches. */
const PER_BRANCH = Number(process.env['BENCH_PER_BRANCH'] ?? 100);
/** Peer documents kept for its card lookups after its import (default all up to 200,000, else 100,000). */
const PEER_KEEP = Number(process.env['BENCH_PEER_KEEP'] ?? (TOTAL <= 200_000 ? TOTAL : 100_000));
const BRANCHES = Math.max(10, Math.ceil(TOTAL / PER_BRANCH));
/** Branches established at once while the tree is built. */
const ESTABLISH_CONCURRENCY = 8;

const idNumber = (i: number): string => {
  const birth = new Date(Date.UTC(1950, 0, 1) + (i % 9_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const body = `310101${birth}${String(Math.floor(i / 9_000) * 2 + 1).padStart(3, '0')}`;
  return `${body}${checkDigitOf(body)}`;
};
const row = (i: number) =>
  `党员${i},男,汉族,${idNumber(i)},1${String(3_000_000_000 + i).slice(0, 10)},大学,在职,2000-01-01,2000-07-01,2001-08-01,2002-07-01,2003-07-01,正常,b-${i % BRANCHES},u-${i % 1000},${3000 + (i % 9000)},`;

async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = (await postJson(
    url,
    { [CALLER_HEADER]: await signInternalToken(CITY, SECRET) },
    { query, variables },
  )) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body.data as T;
}

const round = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  console.log(`bench:members on ${machine()}`);
  const infra = infraEnv();
  console.log(`database: ${databaseLabel()}; ${TOTAL} members in ${BRANCHES} branches`);
  const client = new MongoClient(infra.MONGODB_URI);
  await client.connect();
  const children: ChildProcess[] = [];
  const run = ATTACH?.[0] ?? randomBytes(3).toString('hex');
  try {
    let urls: { orgs: string; members: string };
    let pids: Array<number | undefined>;
    if (ATTACH) {
      const [, orgPort, memberPort, orgPid, memberPid] = ATTACH;
      urls = { orgs: `http://127.0.0.1:${orgPort}/graphql`, members: `http://127.0.0.1:${memberPort}/graphql` };
      pids = [orgPid, memberPid].map((p) => (p ? Number(p) : undefined));
      console.log(`attached to run ${run} (organizations :${orgPort}, members :${memberPort}): no import`);
    } else {
      urls = await importMembers(run, infra, client, children);
      pids = children.map((c) => c.pid);
    }
    await measure(run, urls, client, pids);
  } finally {
    if (!ATTACH) {
      await stopServices(children); // the services stop before their databases are dropped
      for (const name of [`bench_orgs_${run}`, `bench_members_${run}`, `bench_peer_${run}`])
        await client
          .db(name)
          .dropDatabase()
          .catch(() => undefined);
    }
    await client.close();
  }
}

/**
 * The peer's import (phase 1, first): the same rows parsed and validated the same way, inserted as plain documents
 * keyed by card number, with ID numbers kept unique by a clear-text key collection — the primary-key access paths
 * Lianjian uses. It runs before Lianjian's services start, alone on the database server. Afterwards the peer keeps
 * PEER_KEEP documents for its card lookups and drops the rest, so that its data does not take the heap Lianjian's
 * import needs (at 1,000,000 members, both did not fit in 18 GB on the memory backend).
 */
async function peerImport(run: string, client: MongoClient, files: readonly string[]): Promise<number> {
  console.log(`  peer import… (${new Date().toISOString()})`);
  const db = client.db(`bench_peer_${run}`);
  const peer = db.collection<PeerMember>('members');
  const peerIds = db.collection<{ _id: string }>('id_numbers');
  const kept: PeerMember[] = [];
  const started = performance.now();
  let seq = 0;
  const insert = async (batch: PeerMember[]) => {
    await peerIds.insertMany(
      batch.map((b) => ({ _id: b.idNumber })),
      { ordered: false },
    );
    await peer.insertMany(batch, { ordered: false });
    for (const member of batch) if (kept.length < PEER_KEEP) kept.push(member);
  };
  for (const content of files) {
    const records = csvLines(content);
    const header = await records.next();
    if (header.done || isMalformed(header.value)) throw new Error('empty file');
    const { index } = readHeader(header.value.fields);
    let batch: PeerMember[] = [];
    for await (const record of records) {
      if (isMalformed(record)) throw new Error(record.malformed);
      const read = readMemberRow(record.fields, index, '2026-11-22');
      if ('problems' in read) throw new Error(JSON.stringify(read.problems));
      const cardNumber = cardNumberFrom(String(10_000_000_000_000 + (seq += 1)).slice(-14));
      batch.push({ _id: cardNumber, cardNumber, ...read.member });
      if (batch.length === 500) {
        await insert(batch);
        batch = [];
      }
    }
    if (batch.length) await insert(batch);
  }
  const seconds = (performance.now() - started) / 1000;
  if (kept.length < TOTAL) {
    await db.dropDatabase();
    for (let i = 0; i < kept.length; i += 1_000) await peer.insertMany(kept.slice(i, i + 1_000), { ordered: false });
    console.log(
      `  peer: ${kept.length} of its ${TOTAL} members kept for its card lookups (BENCH_PEER_KEEP), the rest dropped`,
    );
  }
  return seconds;
}

/** Starts both services, builds a tree of branches and imports the members, beside the peer (phase 1). */
async function importMembers(
  run: string,
  infra: { KAFKA_BROKERS: string; MONGODB_URI: string },
  client: MongoClient,
  children: ChildProcess[],
): Promise<{ orgs: string; members: string }> {
  const files = Array.from({ length: Math.ceil(TOTAL / PER_FILE) }, (_, f) =>
    [HEADER, ...Array.from({ length: Math.min(PER_FILE, TOTAL - f * PER_FILE) }, (_, i) => row(f * PER_FILE + i))].join(
      '\n',
    ),
  );
  const peerSeconds = await peerImport(run, client, files);
  const prefix = `bench${run}.`;
  const [orgPort, memberPort] = await Promise.all([freePort(), freePort()]);
  const common = {
    ...infra,
    HOST: '127.0.0.1',
    TOPIC_PREFIX: prefix,
    GATEWAY_SUBGRAPH_SECRET: SECRET,
    LIANJIAN_TODAY: '2026-11-22',
  };
  children.push(
    ...(await startSubgraphs(
      common,
      { organizations: orgPort, members: memberPort },
      {
        organizations: `bench_orgs_${run}`,
        members: `bench_members_${run}`,
      },
    )),
  );
  const orgs = `http://127.0.0.1:${orgPort}/graphql`;
  const members = `http://127.0.0.1:${memberPort}/graphql`;
  const establish = (
    organizationId: string,
    organizationType: string,
    parentId: string | null,
    district: string | null,
  ) =>
    gql(orgs, `mutation($input: EstablishOrganizationInput!) { establishOrganization(input: $input) { id } }`, {
      input: {
        organizationId,
        name: organizationId,
        organizationType,
        parentId,
        region: { district, street: null, community: null },
        establishedOn: '2000-01-01',
        documentNumber: '1',
      },
    });
  await establish('city', 'Committee', null, null);
  await establish('district', 'Committee', 'city', 'pudong');
  const branchStarted = performance.now();
  const next = { b: 0 };
  await Promise.all(
    Array.from({ length: ESTABLISH_CONCURRENCY }, async () => {
      for (let b = next.b++; b < BRANCHES; b = next.b++) await establish(`b-${b}`, 'JointBranch', 'district', 'pudong');
    }),
  );
  console.log(`  ${BRANCHES} branches established in ${((performance.now() - branchStarted) / 1000).toFixed(1)} s`);
  for (const deadline = Date.now() + 60_000; ;) {
    try {
      await gql(members, `{ members(organizationId: "b-${BRANCHES - 1}") { totalCount } }`);
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  // ---- 1. import -------------------------------------------------------------------------------------------
  const started = performance.now();
  const fileSeconds: number[] = [];
  for (const [f, content] of files.entries()) {
    const t = performance.now();
    const report = await gql<{ importMembers: { imported: number; failed: number } }>(
      members,
      `mutation($input: ImportMembersInput!) { importMembers(input: $input) { imported failed } }`,
      { input: { fileName: `bench-${f}.csv`, content } },
    );
    if (report.importMembers.failed > 0 || report.importMembers.imported === 0)
      throw new Error(`import ${f}: ${JSON.stringify(report)}`);
    fileSeconds.push((performance.now() - t) / 1000);
    console.log(
      `  import file ${f + 1}/${files.length}: ${report.importMembers.imported} members in ${fileSeconds[f]!.toFixed(1)} s`,
    );
  }
  const oursSeconds = (performance.now() - started) / 1000;
  const [firstFile, lastFile] = [fileSeconds[0]!, fileSeconds[fileSeconds.length - 1]!];
  console.log(
    `seconds per ${PER_FILE}-row file: first ${round(firstFile)}, median ${round(median(fileSeconds))}, last ${round(lastFile)} (last vs first ${lastFile >= firstFile ? '+' : ''}${Math.round((lastFile / firstFile - 1) * 100)} %)`,
  );

  console.log(
    `import ${TOTAL} members: Lianjian ${Math.round(TOTAL / oursSeconds)} members/s (${round(oursSeconds)} s), plain CRUD peer ${Math.round(TOTAL / peerSeconds)} members/s (${round(peerSeconds)} s)`,
  );
  console.log(`ratio vs plain CRUD (import throughput): ${(peerSeconds / oursSeconds).toFixed(3)}`);

  return { orgs, members };
}

/** Card lookups while the pipeline drains and once it is idle (phase 2), event → counts (phase 3), memory. */
async function measure(
  run: string,
  urls: { orgs: string; members: string },
  client: MongoClient,
  pids: Array<number | undefined>,
): Promise<void> {
  const { orgs, members } = urls;
  const peer = client.db(`bench_peer_${run}`).collection<{ _id: string; cardNumber: string }>('members');
  // ---- 2. card lookup --------------------------------------------------------------------------------------
  const memberDb = client.db(`bench_members_${run}`);
  const sample = <T>(all: T[]): T[] =>
    Array.from({ length: LOOKUPS }, () => all[Math.floor(Math.random() * all.length)]!);
  const allIds = (
    await memberDb
      .collection<{ _id: string }>('member_views')
      .find({}, { projection: { _id: 1 } })
      .toArray()
  ).map((d) => d._id);
  const allCards = (await peer.find({}, { projection: { cardNumber: 1 } }).toArray()).map((d) => d.cardNumber);
  /** LOOKUPS lookups each, or as many as fit in `budgetMs`; the peer does as many as Lianjian did. */
  const lookups = async (when: string, budgetMs = Number.POSITIVE_INFINITY): Promise<void> => {
    console.log(`  card lookups ${when}… (${new Date().toISOString()})`);
    const ours: number[] = [];
    const until = performance.now() + budgetMs;
    for (const id of sample(allIds)) {
      if (performance.now() > until) break;
      const t = performance.now();
      const found = await gql<{ memberByCard: { id: string } | null }>(
        members,
        `query($c: String!) { memberByCard(cardNumber: $c) { id name stage status idNumber } }`,
        { c: id },
      );
      ours.push(performance.now() - t);
      if (found.memberByCard?.id !== id) throw new Error(`card ${id} not found`);
    }
    const theirs: number[] = [];
    for (const card of sample(allCards).slice(0, ours.length)) {
      const t = performance.now();
      if (!(await peer.findOne({ _id: card }))) throw new Error('peer card not found');
      theirs.push(performance.now() - t);
    }
    console.log(
      `card lookup over ${allIds.length} members, ${when} (${ours.length} lookups): Lianjian p50 ${round(median(ours))} ms p99 ${round(percentile(ours, 99))} ms (GraphQL over HTTP); peer findOne by card (over ${allCards.length}) p50 ${round(median(theirs))} ms p99 ${round(percentile(theirs, 99))} ms`,
    );
    console.log(`ratio vs plain CRUD (card lookup p50, ${when}): ${(median(theirs) / median(ours)).toFixed(3)}`);
  };
  const began = performance.now();
  await lookups('while the pipeline drains the import', DRAIN_LOOKUP_MS);

  // the relay publishes every imported member's commit and the organizations service projects its facts: wait for
  // the last one, then measure the same lookups on an idle pipeline
  const facts = client.db(`bench_orgs_${run}`).collection<{ _id: string }>('member_facts');
  for (let known = 0; known < allIds.length;) {
    await new Promise((r) => setTimeout(r, 5_000));
    known = await facts.estimatedDocumentCount();
    console.log(`  organizations know ${known} of ${allIds.length} members (${new Date().toISOString()})`);
  }
  console.log(
    `pipeline drained: every imported member's event had reached the organizations service ${round((performance.now() - began) / 1000)} s after the first lookups began`,
  );
  await lookups('on an idle pipeline');

  console.log(`  event → counts… (${new Date().toISOString()})`);
  // ---- 3. member event → organizations' counts -------------------------------------------------------------
  const latencies: number[] = [];
  const firstNew = TOTAL + 1000 + (Date.now() % 1000) * LATENCY_SAMPLES; // people nobody registered yet, in an attached rerun too
  for (let i = 0; i < LATENCY_SAMPLES; i += 1) {
    const t = performance.now(); // from the moment the command is sent: the fact may arrive before the response
    const registered = await gql<{ registerMember: { id: string } }>(
      members,
      `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`,
      {
        input: {
          organizationId: 'b-0',
          name: `新党员${i}`,
          idNumber: idNumber(firstNew + i),
          ethnicity: '汉族',
          education: '大学',
          category: 'Student',
          joinedOn: '2020-07-01',
          fullMembershipOn: '2021-07-01',
        },
      },
    );
    while (!(await facts.findOne({ _id: registered.registerMember.id }))) await new Promise((r) => setTimeout(r, 2)); // an exact-key lookup
    latencies.push(performance.now() - t);
  }
  const countsQuery = performance.now();
  const counts = await gql<{ organization: { memberCounts: { members: number } } }>(
    orgs,
    `{ organization(id: "b-0") { memberCounts { members } } }`,
  );
  const countsMs = performance.now() - countsQuery;

  console.log(
    `member event → organizations' counts (${LATENCY_SAMPLES} registrations): p50 ${round(median(latencies))} ms p99 ${round(percentile(latencies, 99))} ms; a memberCounts query over ${counts.organization.memberCounts.members} members of a branch: ${round(countsMs)} ms`,
  );
  await storagePerMember(client, run, allIds.length);
  const [orgRss, memberRss] = pids.map(peakRssMiB);
  console.log(
    `peak resident memory: organizations ${orgRss ?? '?'} MiB, members ${memberRss ?? '?'} MiB, database ${peakRssMiB(benchDatabasePid()) ?? '?'} MiB`,
  );
}

/** Documents and fields of a (nested) value: what the memory backend keeps as Java maps and Strings. */
function shapeOf(value: unknown): { documents: number; fields: number } {
  if (Array.isArray(value))
    return value
      .map(shapeOf)
      .reduce((a, b) => ({ documents: a.documents + b.documents, fields: a.fields + b.fields }), {
        documents: 0,
        fields: 0,
      });
  if (value && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    const inner = Object.values(value).map(shapeOf);
    return {
      documents: 1 + inner.reduce((sum, s) => sum + s.documents, 0),
      fields: Object.keys(value).length + inner.reduce((sum, s) => sum + s.fields, 0),
    };
  }
  return { documents: 0, fields: 0 };
}

/**
 * What the database holds per member, by collection (documents from `estimatedDocumentCount`, BSON bytes, nested
 * documents and fields from a sample of 200): where the memory backend's heap goes.
 */
async function storagePerMember(client: MongoClient, run: string, members: number): Promise<void> {
  const rows: string[] = [];
  const total = { bytes: 0, documents: 0, fields: 0 };
  for (const name of [`bench_members_${run}`, `bench_orgs_${run}`]) {
    const db = client.db(name);
    for (const { name: collection } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      const count = await db.collection(collection).estimatedDocumentCount();
      if (!count) continue;
      const sample = await db.collection(collection).find({}).limit(200).toArray();
      const per = (f: (d: Record<string, unknown>) => number) =>
        (sample.reduce((sum, d) => sum + f(d), 0) / sample.length) * (count / members);
      const bytes = per((d) => BSON.calculateObjectSize(d));
      const documents = per((d) => shapeOf(d).documents);
      const fields = per((d) => shapeOf(d).fields);
      total.bytes += bytes;
      total.documents += documents;
      total.fields += fields;
      if (bytes >= 20)
        rows.push(
          `    ${name.replace(`_${run}`, '')}.${collection}: ${count} documents, per member ${Math.round(bytes)} B BSON, ${documents.toFixed(1)} documents, ${fields.toFixed(0)} fields`,
        );
    }
  }
  const live = databaseLiveHeapBytes();
  console.log(
    `database live heap: ${live === null ? '? (jcmd not found)' : `${Math.round(live / 1024 / 1024)} MiB, ${Math.round(live / members)} B per member`} (jcmd GC.class_histogram, after a full collection)`,
  );
  console.log(
    `storage per member: ${Math.round(total.bytes)} B BSON in ${total.documents.toFixed(1)} documents and nested documents with ${total.fields.toFixed(0)} fields\n${rows.join('\n')}`,
  );
}

/** The database's live heap (a full collection first): the memory backend's cost per member. Null without jcmd. */
function databaseLiveHeapBytes(): number | null {
  const pid = benchDatabasePid();
  const java = process.env['LIANJIAN_DB_JAVA'];
  const jcmd = java ? path.join(path.dirname(java), 'jcmd') : 'jcmd';
  if (!pid) return null;
  try {
    const histogram = execFileSync(jcmd, [String(pid), 'GC.class_histogram'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const total = /^Total\s+\d+\s+(\d+)/m.exec(histogram);
    return total ? Number(total[1]) : null;
  } catch {
    return null;
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
