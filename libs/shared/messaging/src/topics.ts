import { type Admin } from 'kafkajs';

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
  for (let wait = 50; ; wait = Math.min(wait * 2, 1_000)) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: names });
      if (metadata.length === names.length && metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics without leaders after ${timeoutMs} ms: ${names.join(', ')}`);
    await new Promise((r) => setTimeout(r, wait));
  }
}
