import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { type Admin } from 'kafkajs';

/**
 * Partitions of every topic a service publishes. A consumer that starts before the publisher creates the topics it
 * reads with the same count, so a topic has the platform's partitions whichever side created it.
 */
export const DOMAIN_TOPIC_PARTITIONS = 6;

export interface TopicToEnsure {
  readonly topic: string;
  readonly numPartitions: number;
  readonly replicationFactor: number;
}

/**
 * Creates the topics that are missing and waits until every partition has a leader. A busy broker may answer the
 * metadata request right after the creation with "does not host this topic-partition" (kafkajs waits only on
 * LEADER_NOT_AVAILABLE): that is waited out too, for up to `timeoutMs`.
 */
export async function ensureTopics(admin: Admin, topics: readonly TopicToEnsure[], timeoutMs = 60_000): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t.topic));
  if (missing.length > 0) await admin.createTopics({ waitForLeaders: false, topics: [...missing] });
  const names = topics.map((t) => t.topic);
  const deadline = Date.now() + timeoutMs;
  // Asked again (after 50 ms, doubling to 1 s, jittered) until every partition has a leader or the time is up.
  const untilLeaders = retry(
    handleWhen(() => Date.now() <= deadline),
    { maxAttempts: Number.POSITIVE_INFINITY, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1_000 }) },
  );
  await untilLeaders.execute(async () => {
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics: names });
    const led =
      metadata.length === names.length &&
      metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
    if (!led) throw new Error(`topics without leaders after ${timeoutMs} ms: ${names.join(', ')}`);
  });
}
