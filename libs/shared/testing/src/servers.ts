import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { type Db, MongoClient } from 'mongodb';

export function requireEnv(name: 'KAFKA_BROKERS' | 'MONGODB_URI'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest's global setup (npm test)`);
  return value;
}

/** A short random suffix: each test file gets its own database and topic prefix, so files run in parallel. */
export function uniqueName(label: string): string {
  return `${label.replace(/[^a-z0-9]/gi, '').slice(0, 20)}_${randomBytes(4).toString('hex')}`;
}

export interface TestDatabase {
  readonly client: MongoClient;
  readonly db: Db;
  readonly uri: string;
  close(): Promise<void>;
}

export async function openTestDatabase(label: string): Promise<TestDatabase> {
  const base = requireEnv('MONGODB_URI');
  const client = new MongoClient(base);
  await client.connect();
  const name = uniqueName(label);
  const db = client.db(name);
  const uri = base.replace(/\/?(\?.*)?$/, (_m, query: string | undefined) => `/${name}${query ?? ''}`);
  return {
    client,
    db,
    uri,
    async close() {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}

export function testKafka(clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: requireEnv('KAFKA_BROKERS').split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 8, initialRetryTime: 100 },
  });
}

/** Polls until the assertion passes (or the time runs out, then throws its last error). */
export async function eventually<T>(assertion: () => Promise<T> | T, timeoutMs = 30_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
