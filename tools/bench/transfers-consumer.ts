// The consumer outside the services for bench:transfers: a kafkajs consumer of its own group on the members topic,
// in a worker thread (its own event loop, so the load generator's work does not delay its reading), decoding every
// message with the published contract (as an analytics team would) and posting each MemberTransferred it reads to
// the bench with the wall-clock moment it was consumed. Duplicates are posted too: the bench absorbs them by eventId.
import { parentPort, workerData } from 'node:worker_threads';
import { Kafka, logLevel } from 'kafkajs';
import { decodeMembersMessage } from '../../libs/members/contracts/src';

export interface ConsumerOptions {
  readonly brokers: string;
  readonly topic: string;
  readonly groupId: string;
}

/** What the worker posts: `ready` once it reads its partitions, then one `transferred` per MemberTransferred read. */
export type ConsumerMessage =
  | { kind: 'ready' }
  | { kind: 'transferred'; eventId: string; transferId: string; at: number; committedAt: number }
  | { kind: 'error'; message: string };

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across threads of one process. */
export const now = (): number => performance.timeOrigin + performance.now();

async function consume(options: ConsumerOptions): Promise<void> {
  const post = (message: ConsumerMessage) => parentPort!.postMessage(message);
  const kafka = new Kafka({
    clientId: 'bench-outside',
    brokers: options.brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: 100 });
  // ready once it has joined its group and fetched once from its partitions (offsets resolved): nothing sent after
  // that is missed, and the first transfers do not wait for the group's start-up
  let joined = false;
  let ready = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joined = true;
  });
  consumer.on(consumer.events.FETCH, () => {
    if (!joined || ready) return;
    ready = true;
    post({ kind: 'ready' });
  });
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: false });
  await consumer.run({
    partitionsConsumedConcurrently: 8,
    eachMessage: ({ message }) => {
      if (!message.value) return Promise.resolve();
      const decoded = decodeMembersMessage(JSON.parse(message.value.toString('utf8')));
      if (decoded?.type !== 'MemberTransferred') return Promise.resolve();
      const at = now(); // read and decoded
      post({
        kind: 'transferred',
        eventId: decoded.eventId,
        transferId: decoded.data.transferId ?? '',
        at,
        committedAt: Date.parse(decoded.occurredAt),
      });
      return Promise.resolve();
    },
  });
  parentPort!.on('message', (message: unknown) => {
    if (message === 'stop') void consumer.disconnect().then(() => process.exit(0));
  });
}

if (parentPort && workerData) {
  consume(workerData as ConsumerOptions).catch((error: unknown) =>
    parentPort!.postMessage({ kind: 'error', message: String(error) } satisfies ConsumerMessage),
  );
}
