import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';

// README: Ctrl-C on `npm start` stops the services; Kafka and the database keep running until `npm run infra:down`.
// A terminal's Ctrl-C signals the whole foreground process group, and a supervisor (an IDE's stop button, a CI
// timeout) often terminates the whole group: infra.sh starts its servers in sessions of their own (setsid), so
// neither reaches them. This test starts the servers as tools/run-local.sh does (`eval "$(infra.sh up | sed …)"`,
// then a service in the background and a trap that stops it), in a process group of its own as a terminal's
// foreground job is, sends SIGINT and then SIGTERM to that group, and checks that the service stopped and that Kafka
// and the database still answer; then `infra.sh down` stops them. Its own LIANJIAN_INFRA_DIR, never the shared
// test servers.

const root = path.resolve(__dirname, '../..');
const infra = path.join(root, 'tools/infra/infra.sh');

const STARTER = `
set -euo pipefail
eval "$(bash "${infra}" up | sed 's/^/export /')"
node -e 'setInterval(() => {}, 1000)' &
service=$!
trap 'kill "$service" 2>/dev/null || true; wait; exit 130' INT TERM
echo "SERVICE_PID=$service"
echo "KAFKA_BROKERS=$KAFKA_BROKERS"
echo "MONGODB_URI=$MONGODB_URI"
echo ready
wait
`;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const signalGroup = (pgid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    // ESRCH: nothing is left in the group (the servers are not in it)
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
};

async function answers(kafkaBrokers: string, mongodbUri: string): Promise<{ kafka: boolean; mongodb: boolean }> {
  const kafka = new Kafka({
    brokers: kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    retry: { retries: 1 },
  });
  const admin = kafka.admin();
  const kafkaAnswers = await admin
    .connect()
    .then(() => admin.describeCluster())
    .then((cluster) => cluster.brokers.length > 0)
    .catch(() => false)
    .finally(() => admin.disconnect());
  const client = new MongoClient(mongodbUri, { serverSelectionTimeoutMS: 3_000 });
  const mongodbAnswers = await client
    .connect()
    .then(() => client.db('admin').command({ ping: 1 }))
    .then((reply) => reply['ok'] === 1)
    .catch(() => false)
    .finally(() => client.close());
  return { kafka: kafkaAnswers, mongodb: mongodbAnswers };
}

describe('Ctrl-C on whoever started the servers leaves Kafka and the database running; infra.sh down stops them', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lj-infra-sigint-'));
  const env: NodeJS.ProcessEnv = { ...process.env, LIANJIAN_INFRA_DIR: dir, LIANJIAN_DB_BACKEND: 'h2' };
  delete env['KAFKA_BROKERS'];
  delete env['MONGODB_URI'];
  const down = () => spawnSync('bash', [infra, 'down'], { env, encoding: 'utf8' });
  const serverPid = (name: string): number => Number(readFileSync(path.join(dir, `${name}.pid`), 'utf8').trim());

  afterAll(() => {
    try {
      down();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('SIGINT, then SIGTERM, to the starter’s process group stop its service, not the servers', async () => {
    // detached: a process group of its own, as a shell gives a foreground job
    const starter = spawn('bash', ['-c', STARTER], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    starter.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    starter.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => starter.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 150_000;
    while (!/^ready$/m.test(output)) {
      if (Date.now() > deadline || starter.exitCode !== null) throw new Error(`the starter did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const value = (name: string): string => new RegExp(`^${name}=(\\S+)$`, 'm').exec(output)![1]!;
    const servicePid = Number(value('SERVICE_PID'));
    const [kafkaBrokers, mongodbUri] = [value('KAFKA_BROKERS'), value('MONGODB_URI')];
    const servers = { kafka: serverPid('kafka'), mongodb: serverPid('mongodb') };
    expect(await answers(kafkaBrokers, mongodbUri)).toEqual({ kafka: true, mongodb: true });

    // the terminal's Ctrl-C
    signalGroup(starter.pid!, 'SIGINT');
    expect(await exited).toBe(130);
    expect(alive(servicePid)).toBe(false);
    // a supervisor stopping the run's whole group
    signalGroup(starter.pid!, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect({ kafka: alive(servers.kafka), mongodb: alive(servers.mongodb) }).toEqual({ kafka: true, mongodb: true });
    expect(await answers(kafkaBrokers, mongodbUri)).toEqual({ kafka: true, mongodb: true });

    // `npm run infra:down`
    const stopped = down();
    expect(stopped.status).toBe(0);
    expect({ kafka: alive(servers.kafka), mongodb: alive(servers.mongodb) }).toEqual({ kafka: false, mongodb: false });
    expect(await answers(kafkaBrokers, mongodbUri)).toEqual({ kafka: false, mongodb: false });
  }, 240_000);
});
