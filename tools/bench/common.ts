import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CALLER_HEADER, type Caller, signInternalToken } from '../../libs/shared/auth/src';

export const root = path.resolve(__dirname, '../..');
/** Same entry whether running from source (register-ts) or from dist/. */
export const repoRoot = __dirname.includes(`${path.sep}dist${path.sep}`) ? path.resolve(__dirname, '../../..') : root;

/** What the benchmarks run on, for their report: an external server, or the local database and its backend. */
export function databaseLabel(): string {
  if (process.env['KAFKA_BROKERS'] && process.env['MONGODB_URI']) return 'the MongoDB-compatible server at MONGODB_URI';
  return `mongo-java-server 1.47.0 (${process.env['LIANJIAN_DB_BACKEND'] || 'compact'} backend)`;
}

export function infraEnv(): { KAFKA_BROKERS: string; MONGODB_URI: string } {
  if (process.env['KAFKA_BROKERS'] && process.env['MONGODB_URI']) {
    return { KAFKA_BROKERS: process.env['KAFKA_BROKERS'], MONGODB_URI: process.env['MONGODB_URI'] };
  }
  return benchInfra(path.join(repoRoot, '.infra/bench'));
}

/**
 * A benchmark's own servers, state in `dir` (.infra/bench, or a bench's own folder), the database in memory — the
 * compact backend — unless LIANJIAN_DB_BACKEND says h2, with an 8 GiB heap unless LIANJIAN_DB_HEAP says otherwise,
 * H2's page cache 4 GiB unless LIANJIAN_DB_CACHE_MB does (a 2 GiB heap filled up during one bench:event-store run and
 * its collections showed as latency): neither the local run's data (.infra/local) nor the tests' is touched.
 */
export function benchInfra(dir: string): { KAFKA_BROKERS: string; MONGODB_URI: string } {
  const env = {
    ...process.env,
    LIANJIAN_INFRA_DIR: dir,
    LIANJIAN_DB_BACKEND: process.env['LIANJIAN_DB_BACKEND'] || 'compact',
    LIANJIAN_DB_HEAP: process.env['LIANJIAN_DB_HEAP'] || '8g',
    LIANJIAN_DB_CACHE_MB: process.env['LIANJIAN_DB_CACHE_MB'] || '4096',
  };
  const out = execFileSync('bash', [path.join(repoRoot, 'tools/infra/infra.sh'), 'up'], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const value = (name: string) => new RegExp(`^${name}=(.+)$`, 'm').exec(out)?.[1] ?? '';
  return { KAFKA_BROKERS: value('KAFKA_BROKERS'), MONGODB_URI: value('MONGODB_URI') };
}

/** The pid of a server benchInfra started in `dir` (mongodb or kafka), from its pid file. */
export function infraPid(dir: string, name: 'mongodb' | 'kafka'): number | undefined {
  try {
    return Number(readFileSync(path.join(dir, `${name}.pid`), 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system, all threads) a process has used so far, from /proc; null where there is none. */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return null;
  }
}

/** Runs `work` over the items with `concurrency` at once, in order of the items. */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i]!, i);
    }),
  );
}

/** A GraphQL call to a subgraph as the gateway makes it (the caller signed with the subgraph secret); throws on errors. */
export async function signedGql<T>(
  url: string,
  caller: Caller,
  secret: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const body = (await postJson(
    url,
    { [CALLER_HEADER]: await signInternalToken(caller, secret) },
    { query, variables },
  )) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors).slice(0, 600));
  return body.data as T;
}

/** Waits until a service process started on `port` answers /health (two minutes at most). */
export async function untilHealthy(name: string, child: ChildProcess, port: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).status < 500) return;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up (${child.exitCode})`);
    if (Date.now() > deadline) throw new Error(`${name} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** Starts a built service (dist/) and waits until `ready` answers. */
export async function startService(entry: string, env: Record<string, string>, ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(repoRoot, entry)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', process.env['BENCH_VERBOSE'] ? 'inherit' : 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(ready)).status < 500) return child; // Apollo Server 5 has no health route: any answer will do
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${entry} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Starts the organizations and members subgraphs from dist/ on the given ports with the same environment (servers,
 * topic prefix, subgraph secret), each with its own database.
 */
export async function startSubgraphs(
  env: Record<string, string>,
  ports: { organizations: number; members: number },
  databases: { organizations: string; members: string },
): Promise<[ChildProcess, ChildProcess]> {
  const organizations = await startService(
    'dist/apps/organizations/src/main.js',
    { ...env, PORT: String(ports.organizations), MONGODB_DATABASE: databases.organizations },
    `http://127.0.0.1:${ports.organizations}/health`,
  );
  const members = await startService(
    'dist/apps/members/src/main.js',
    {
      ...env,
      PORT: String(ports.members),
      MONGODB_DATABASE: databases.members,
      MEMBERS_MASTER_KEY: randomBytes(32).toString('base64'),
    },
    `http://127.0.0.1:${ports.members}/health`,
  );
  return [organizations, members];
}

/** A process's peak resident set (VmHWM) in MiB, from /proc (Linux); null where there is none. */
export function peakRssMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * POSTs JSON and reads the JSON answer with no client-side time limit (fetch gives up after 300 s without response
 * headers, and a 10,000-row import into a store of 100,000 members takes about that long on FerretDB-SQLite).
 */
export function postJson(url: string, headers: Record<string, string>, body: unknown): Promise<unknown> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            reject(new Error(`${url} answered ${res.statusCode ?? '?'} with no JSON: ${String(error)}`));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Stops services and waits for them to exit (SIGKILL after `graceMs`), so nothing still uses what is dropped next. */
export async function stopServices(children: readonly ChildProcess[], graceMs = 15_000): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** The pid of the benchmarks' database server (started by infraEnv), for its peak memory; null with external servers. */
export function benchDatabasePid(): number | undefined {
  try {
    return Number(readFileSync(path.join(repoRoot, '.infra/bench/mongodb.pid'), 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}
