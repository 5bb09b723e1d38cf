import { type Db } from 'mongodb';
import { type Commit, type MongoEventStore } from '@lianjian/event-store';
import { CatchUpRunner } from './catch-up';
import { Lease } from './lease';

export interface LogProjectionOptions {
  /** Names the lease (`projection:<name>`) that carries the checkpoint. */
  readonly name: string;
  readonly store: MongoEventStore;
  readonly db: Db;
  /** Folds a batch of commits into the read models. Writes by `_id` only: this instance is the only writer. */
  readonly apply: (commits: readonly Commit[]) => Promise<void>;
  readonly batchSize?: number;
  readonly leaseMs?: number;
}

interface ProjectionCheckpoint {
  /** Global position of the last commit applied. */
  position: number;
}

/**
 * A service's projection of its own event log: one active writer per service (a lease), which follows the
 * global order from the checkpoint kept on its lease document. Because only the holder writes, the read
 * models need no conditional updates: the projection reads a document by `_id`, checks that the event is the
 * next contiguous version of its stream, and replaces it by `_id`.
 *
 * `catchUp()` runs a pass when this instance holds the lease; `reach(position)` waits until the projection has
 * applied a position, whichever instance holds it (read-your-writes for a query, not work for a command).
 */
export class LogProjection {
  private readonly lease: Lease<ProjectionCheckpoint>;
  private readonly runner = new CatchUpRunner(() => this.pass());
  private readonly batchSize: number;
  /** The checkpoint as this process last saw it (it only grows). */
  private seen = 0;
  private headAtStart: Promise<number> | null = null;

  constructor(private readonly options: LogProjectionOptions) {
    this.lease = Lease.in<ProjectionCheckpoint>(options.db, `projection:${options.name}`, options.leaseMs ?? 10_000, {
      position: 0,
    });
    this.batchSize = options.batchSize ?? 1000;
  }

  /** Applies every commit after the checkpoint, if this instance holds (or can take) the lease. */
  catchUp(): Promise<void> {
    return this.runner.run();
  }

  /** The checkpoint: the last position applied, by whichever instance holds the projection. */
  async position(): Promise<number> {
    this.seen = Math.max(this.seen, (await this.lease.read())?.position ?? 0);
    return this.seen;
  }

  /**
   * Waits until the projection holds every commit this process appended, and every commit there was when the
   * process started (a restarted service answers from what its predecessor wrote). Free when it already does.
   */
  async reachOwnWrites(timeoutMs?: number): Promise<void> {
    this.headAtStart ??= this.options.store.headPosition();
    const own = Math.max(this.options.store.lastWrittenPosition, await this.headAtStart);
    if (own > this.seen) await this.reach(own, timeoutMs);
  }

  /**
   * Waits until the projection has applied `position` (the store's head by default). This instance catches up
   * itself when it can hold the lease; otherwise it polls the holder's checkpoint (one key lookup).
   */
  async reach(position?: number, timeoutMs = 30_000): Promise<void> {
    const target = position ?? (await this.options.store.headPosition());
    const deadline = Date.now() + timeoutMs;
    for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
      await this.catchUp();
      if ((await this.position()) >= target) return;
      if (Date.now() > deadline)
        throw new Error(`projection ${this.options.name} has not reached position ${target} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  async stop(): Promise<void> {
    await this.runner.run().catch(() => undefined);
    await this.lease.release();
  }

  private async pass(): Promise<void> {
    const held = await this.lease.hold();
    if (!held) return;
    let position = held.position;
    this.seen = Math.max(this.seen, position);
    for (;;) {
      const commits = await this.options.store.readAllCommits(position, this.batchSize);
      if (commits.length === 0) return;
      if (!this.lease.held && !(await this.lease.hold())) return; // another instance took over: stop writing
      await this.options.apply(commits);
      position = commits[commits.length - 1]!.globalPosition;
      if (!(await this.lease.save({ position }))) return;
      this.seen = Math.max(this.seen, position);
    }
  }
}
