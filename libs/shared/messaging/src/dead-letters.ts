import { randomUUID } from 'node:crypto';
import { type IHeaders, type Kafka, type KafkaMessage } from 'kafkajs';

/**
 * Dead letters: where `EventConsumer` puts a message it can never process, and how such messages are replayed
 * once the cause is fixed (docs/adr/0014-consumer-retries-and-dead-letters.md).
 *
 * - `<group>.dlq` holds the group's dead letters: the original key, value and headers, plus the `dlq-*` headers
 *   below (where the message came from, why it was dead-lettered).
 * - `<group>.replay` is read by that group only: `EventConsumer` subscribes to it and dispatches each message as
 *   if it came from the topic named in its `dlq-original-topic` header.
 * - `replayDeadLetters` copies the dead letters the group's replayer has not replayed yet to the replay topic. Each
 *   batch is one Kafka transaction that also commits the replayer's position on the dead-letter topic
 *   (`<group>.dlq-replayer`), so every dead letter is replayed once, also when the replayer is killed midway.
 */
export const deadLetterTopicOf = (groupId: string): string => `${groupId}.dlq`;
export const replayTopicOf = (groupId: string): string => `${groupId}.replay`;
export const replayerGroupOf = (groupId: string): string => `${groupId}.dlq-replayer`;

export const DLQ_HEADERS = {
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  /** `undecodable`, `invalid` or `refused` (see `DeadLetterReason`). */
  reason: 'dlq-reason',
  error: 'dlq-error',
  /** Handler attempts before the message was dead-lettered (0 when it could not be decoded). */
  attempts: 'dlq-attempts',
  group: 'dlq-group',
  deadLetteredAt: 'dlq-dead-lettered-at',
  /** On a replayed message: the dead letter it copies, `<dlq topic>/<partition>@<offset>`. */
  replayOf: 'dlq-replay-of',
} as const;

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** A dead letter as the replay tool lists it: where it is, where it came from, why. Never the payload. */
export interface DeadLetter {
  readonly partition: number;
  readonly offset: string;
  readonly originalTopic: string | null;
  readonly originalPartition: number | null;
  readonly originalOffset: string | null;
  readonly eventType: string | null;
  readonly reason: string | null;
  readonly error: string | null;
}

export function describeDeadLetter(partition: number, message: KafkaMessage): DeadLetter {
  const text = (name: string) => headerText(message.headers, name) ?? null;
  const originalPartition = text(DLQ_HEADERS.originalPartition);
  return {
    partition,
    offset: message.offset,
    originalTopic: text(DLQ_HEADERS.originalTopic),
    originalPartition: originalPartition === null ? null : Number(originalPartition),
    originalOffset: text(DLQ_HEADERS.originalOffset),
    eventType: text('event-type'),
    reason: text(DLQ_HEADERS.reason),
    error: text(DLQ_HEADERS.error),
  };
}

/** Where a dead letter's message was consumed from; the dead letter's own place when its headers lack it. */
function originOf(partition: number, message: KafkaMessage): string {
  const d = describeDeadLetter(partition, message);
  return d.originalTopic && d.originalPartition !== null && d.originalOffset !== null
    ? `${d.originalTopic}/${d.originalPartition}@${d.originalOffset}`
    : `dlq/${partition}@${message.offset}`;
}

/** The id of the event a dead letter holds: its `event-id` header, else the envelope's (the payload is not printed). */
function eventIdOf(message: KafkaMessage): string | null {
  const header = headerText(message.headers, 'event-id');
  if (header) return header;
  try {
    const id = (JSON.parse(message.value?.toString('utf8') ?? '') as { eventId?: unknown }).eventId;
    return typeof id === 'string' && id ? id : null;
  } catch {
    return null; // undecodable: known by its coordinates only
  }
}

export interface ReplayDeadLettersOptions {
  readonly kafka: Kafka;
  /** The consumer group whose dead letters are replayed. */
  readonly groupId: string;
  /** List what would be replayed; send and commit nothing. */
  readonly dryRun?: boolean;
  /** Called for each dead letter as it is replayed (or listed). */
  readonly onDeadLetter?: (deadLetter: DeadLetter) => void;
  /** Gives up when the dead letters present at the start are not all replayed by then; default 120 s. */
  readonly timeoutMs?: number;
}

export interface ReplayResult {
  readonly dryRun: boolean;
  readonly deadLetters: readonly DeadLetter[];
}

interface PendingRange {
  /** Next offset to replay. */
  next: bigint;
  /** End of the dead-letter partition when the replay started (exclusive): later dead letters wait for a later run. */
  readonly end: bigint;
}

/**
 * Replays a consumer group's dead letters: every message on `<group>.dlq` after the replayer's committed position
 * and before the end of the topic at the start goes to `<group>.replay`, in order per partition (keys kept, so
 * per-stream order holds), with its headers and `dlq-replay-of`. A message that fails again is dead-lettered
 * again by the consumer, after the end this run stops at, and waits for the next replay. Delivery to the consumer is
 * at least once, so one message can be dead-lettered twice (handled again after a rebalance before its offset was
 * committed; the two copies are seconds apart), and one event can be on a topic twice (published again): a replay
 * sends and lists each original message (topic, partition, offset) and each event id once.
 */
export async function replayDeadLetters(options: ReplayDeadLettersOptions): Promise<ReplayResult> {
  const { kafka, groupId } = options;
  const dryRun = options.dryRun ?? false;
  const dlq = deadLetterTopicOf(groupId);
  const replayTopic = replayTopicOf(groupId);
  const replayer = replayerGroupOf(groupId);

  const pending = await pendingRanges(kafka, dlq, replayTopic, replayer, dryRun);
  const deadLetters: DeadLetter[] = [];
  if (pending.size === 0) return { dryRun, deadLetters };

  // A dry run reads in a throwaway group: the replayer's position stays as it is.
  const consumerGroup = dryRun ? `${replayer}.dry-run.${randomUUID()}` : replayer;
  const consumer = kafka.consumer({ groupId: consumerGroup, sessionTimeout: 30_000, heartbeatInterval: 3_000 });
  const producer = dryRun
    ? null
    : kafka.producer({ transactionalId: replayer, idempotent: true, maxInFlightRequests: 1 });
  let finish!: () => void;
  let fail!: (error: unknown) => void;
  const finished = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  finished.catch(() => undefined); // awaited below; a crash before that is not an unhandled rejection
  const done = () => [...pending.values()].every((range) => range.next >= range.end);
  const origins = new Set<string>();
  const eventIds = new Set<string>();
  const timer = setTimeout(
    () => fail(new Error(`the replay of ${dlq} did not finish within ${options.timeoutMs ?? 120_000} ms`)),
    options.timeoutMs ?? 120_000,
  );
  consumer.on(consumer.events.CRASH, (event) => fail(event.payload.error));
  try {
    await producer?.connect();
    await consumer.connect();
    await consumer.subscribe({ topic: dlq, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        const { batch } = payload;
        const range = pending.get(batch.partition);
        if (!range) return;
        const inRange = batch.messages.filter((m) => BigInt(m.offset) >= range.next && BigInt(m.offset) < range.end);
        // the same message dead-lettered twice (delivered again before its offset was committed) is one dead letter
        // and so is one event published twice (a relay that sent a batch again after losing its lease)
        const due = inRange.filter((m) => {
          const origin = originOf(batch.partition, m);
          const eventId = eventIdOf(m);
          if (origins.has(origin) || (eventId !== null && eventIds.has(eventId))) return false;
          origins.add(origin);
          if (eventId !== null) eventIds.add(eventId);
          return true;
        });
        if (inRange.length > 0) {
          const last = BigInt(inRange[inRange.length - 1]!.offset);
          if (producer) {
            // sent (possibly nothing: only duplicates) with the replayer's position, in one transaction
            const transaction = await producer.transaction();
            try {
              await transaction.send({
                topic: replayTopic,
                messages: due.map((m) => ({
                  key: m.key,
                  value: m.value,
                  headers: { ...m.headers, [DLQ_HEADERS.replayOf]: `${dlq}/${batch.partition}@${m.offset}` },
                })),
              });
              await transaction.sendOffsets({
                consumerGroupId: replayer,
                topics: [{ topic: dlq, partitions: [{ partition: batch.partition, offset: String(last + 1n) }] }],
              });
              await transaction.commit();
            } catch (error) {
              await transaction.abort().catch(() => undefined);
              throw error;
            }
          }
          range.next = last + 1n;
          for (const message of due) {
            const deadLetter = describeDeadLetter(batch.partition, message);
            deadLetters.push(deadLetter);
            options.onDeadLetter?.(deadLetter);
          }
        }
        // Move the fetch position past what is done (and past what a dry run skipped); nothing is committed here.
        for (const m of batch.messages) if (BigInt(m.offset) < range.end) payload.resolveOffset(m.offset);
        await payload.heartbeat();
        if (done()) finish();
      },
    });
    await finished;
    return { dryRun, deadLetters };
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    if (dryRun) await deleteGroup(kafka, consumerGroup);
  }
}

/** Per dead-letter partition: from the replayer's committed position to the current end, where not empty. */
async function pendingRanges(
  kafka: Kafka,
  dlq: string,
  replayTopic: string,
  replayer: string,
  dryRun: boolean,
): Promise<Map<number, PendingRange>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = new Set(await admin.listTopics());
    if (!topics.has(dlq)) return new Map();
    if (!dryRun && !topics.has(replayTopic)) {
      // The consumer creates its replay topic when it starts; a replay before that creates it like the DLQ.
      const {
        topics: [metadata],
      } = await admin.fetchTopicMetadata({ topics: [dlq] });
      const partitions = metadata?.partitions ?? [];
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: replayTopic,
            numPartitions: partitions.length,
            replicationFactor: partitions[0]?.replicas.length ?? 1,
          },
        ],
      });
    }
    const ends = await admin.fetchTopicOffsets(dlq);
    const [committed] = await admin.fetchOffsets({ groupId: replayer, topics: [dlq] });
    const ranges = new Map<number, PendingRange>();
    for (const end of ends) {
      const position = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
      // no position yet (-1), or one retention has deleted since: start at the oldest dead letter kept
      const low = BigInt(end.low);
      const next = BigInt(position) > low ? BigInt(position) : low;
      const high = BigInt(end.high);
      if (next < high) ranges.set(end.partition, { next, end: high });
    }
    return ranges;
  } finally {
    await admin.disconnect();
  }
}

async function deleteGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch {
    // an empty group without offsets expires on the broker anyway
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
