/**
 * What the consumers of this process have been through, per consumer group: dead letters by reason, transient
 * failures retried, messages replayed from the dead-letter topic, and the partitions blocked right now on a
 * message that keeps failing transiently. `EventConsumer` records here; `serviceMetricsRegistry` renders it as
 * Prometheus text. Counters live per group for the life of the process (a restarted consumer of the same group
 * keeps counting, so the counters only ever go up).
 */

/** Why a message went to the dead-letter topic: it could not be decoded, failed its schema, or was refused. */
export type DeadLetterReason = 'undecodable' | 'invalid' | 'refused';

export const DEAD_LETTER_REASONS: readonly DeadLetterReason[] = ['undecodable', 'invalid', 'refused'];

export interface BlockedPartition {
  readonly topic: string;
  readonly partition: number;
  /** The message the partition waits on. */
  readonly offset: string;
  /** When that message first failed (ms since the epoch). */
  readonly since: number;
  readonly failures: number;
  readonly lastError: string;
}

export interface ConsumerHealthSnapshot {
  readonly groupId: string;
  readonly deadLetters: Readonly<Record<DeadLetterReason, number>>;
  readonly transientRetries: number;
  readonly replayed: number;
  readonly blocked: readonly BlockedPartition[];
}

export class ConsumerHealth {
  private readonly deadLetters: Record<DeadLetterReason, number> = { undecodable: 0, invalid: 0, refused: 0 };
  private transientRetries = 0;
  private replayed = 0;
  private readonly blocked = new Map<string, BlockedPartition>();

  constructor(readonly groupId: string) {}

  deadLettered(reason: DeadLetterReason): void {
    this.deadLetters[reason] += 1;
  }

  replayHandled(): void {
    this.replayed += 1;
  }

  /** A transient failure of the message a partition is on; the partition stays on it until it succeeds. */
  failedTransiently(at: { topic: string; partition: number; offset: string }, error: string): BlockedPartition {
    this.transientRetries += 1;
    const key = `${at.topic}:${at.partition}`;
    const previous = this.blocked.get(key);
    const since = previous && previous.offset === at.offset ? previous.since : Date.now();
    const failures = previous && previous.offset === at.offset ? previous.failures + 1 : 1;
    const entry = { topic: at.topic, partition: at.partition, offset: at.offset, since, failures, lastError: error };
    this.blocked.set(key, entry);
    return entry;
  }

  /** The partition moved on (handled or dead-lettered) or was given up (stop, rebalance). */
  unblocked(at: { topic: string; partition: number }): void {
    this.blocked.delete(`${at.topic}:${at.partition}`);
  }

  snapshot(): ConsumerHealthSnapshot {
    return {
      groupId: this.groupId,
      deadLetters: { ...this.deadLetters },
      transientRetries: this.transientRetries,
      replayed: this.replayed,
      blocked: [...this.blocked.values()],
    };
  }
}

const registry = new Map<string, ConsumerHealth>();

/** The health record of a consumer group in this process (created on first use). */
export function consumerHealthOf(groupId: string): ConsumerHealth {
  let health = registry.get(groupId);
  if (!health) {
    health = new ConsumerHealth(groupId);
    registry.set(groupId, health);
  }
  return health;
}

/** Snapshots of every consumer group that ran in this process. */
export function consumerHealthSnapshots(): ConsumerHealthSnapshot[] {
  return [...registry.values()].map((health) => health.snapshot());
}
