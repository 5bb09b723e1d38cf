// The second process of bench:event-store's contention part (forked by event-store.bench.ts with an IPC channel):
// its own MongoEventStore on the same database and collections as the benchmark's, appending with the same load
// (appendUntil) in rounds the parent starts at a wall-clock time both processes share. Not run on its own.
import { MongoClient } from 'mongodb';
import { MongoEventStore } from '../../libs/shared/event-store/src';
import { type CommitTraffic, appendUntil, countTraffic } from './event-store-load';

export type WorkerRequest =
  | { kind: 'setup'; uri: string; dbName: string; maxBatchSize: number; warmUp: { writers: number; ms: number } }
  | { kind: 'round'; startAt: number; ms: number; writers: number; size: number }
  | { kind: 'exit' };

export type WorkerReply =
  | { kind: 'ready'; warmUpAppends: number }
  | { kind: 'result'; appends: number; seconds: number; traffic: CommitTraffic }
  | { kind: 'error'; message: string };

const send = (reply: WorkerReply): void => {
  process.send?.(reply);
};

let client: MongoClient | null = null;
let store: MongoEventStore | null = null;
let traffic: { take: () => CommitTraffic } | null = null;

async function onRequest(request: WorkerRequest): Promise<void> {
  switch (request.kind) {
    case 'setup': {
      client = await new MongoClient(request.uri).connect();
      store = new MongoEventStore({ db: client.db(request.dbName), maxBatchSize: request.maxBatchSize });
      traffic = countTraffic(store.commits);
      await store.init();
      // opens the connection pool and warms the JIT, as the parent's own earlier appends did for it
      const warmUpAppends = await appendUntil(store, request.warmUp.writers, 1, performance.now() + request.warmUp.ms);
      send({ kind: 'ready', warmUpAppends });
      return;
    }
    case 'round': {
      if (!store || !traffic) throw new Error('round before setup');
      // Both processes start at the same wall-clock time; from there each measures with its own monotonic clock.
      await new Promise((r) => setTimeout(r, Math.max(0, request.startAt - Date.now())));
      traffic.take();
      const started = performance.now();
      const appends = await appendUntil(store, request.writers, request.size, started + request.ms);
      send({ kind: 'result', appends, seconds: (performance.now() - started) / 1000, traffic: traffic.take() });
      return;
    }
    case 'exit': {
      await client?.close();
      process.disconnect?.();
      return;
    }
  }
}

process.on('message', (request: WorkerRequest) => {
  onRequest(request).catch((error: unknown) => {
    send({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exitCode = 1;
    process.disconnect?.();
  });
});
