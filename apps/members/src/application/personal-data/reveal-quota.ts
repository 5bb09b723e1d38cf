import { type Caller } from '@lianjian/auth';
import { refuse } from '@lianjian/members-domain';

/** How many full ID numbers and phones a caller may reveal (docs/adr/0010, *Limits on reveals*). */
export interface RevealLimits {
  /** In one request (one GraphQL operation): 500 aliases of `idNumber(reveal: true)` stop at this many. */
  readonly perRequest: number;
  /** In one clock hour, across requests and service instances. */
  readonly perHour: number;
}

/** Counts a caller's reveals per clock hour, shared by every instance of the service (in its database). */
export interface RevealCounter {
  /** Adds one reveal to the caller's count for the hour starting at `hour`; returns the count with it. */
  increment(subject: string, hour: Date): Promise<number>;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * The reveal limits, checked before a full value is read and audited. A request is one GraphQL operation, known by
 * its caller object (the subgraph builds one per request from the gateway's caller token), so the per-request count
 * needs no framework; the hourly count is the database's. A refused reveal still counts towards the hour: a caller
 * retrying past the limit stays refused.
 */
export class RevealQuota {
  private readonly inRequest = new WeakMap<Caller, number>();

  constructor(
    private readonly counter: RevealCounter,
    private readonly limits: RevealLimits,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async take(caller: Caller): Promise<void> {
    const inRequest = (this.inRequest.get(caller) ?? 0) + 1;
    this.inRequest.set(caller, inRequest);
    if (inRequest > this.limits.perRequest) {
      refuse(
        'REVEAL_LIMIT_EXCEEDED',
        `at most ${this.limits.perRequest} full ID numbers or phones may be revealed in one request`,
        'reveal',
      );
    }
    const hour = new Date(Math.floor(this.now().getTime() / HOUR_MS) * HOUR_MS);
    const inHour = await this.counter.increment(caller.subject, hour);
    if (inHour > this.limits.perHour) {
      refuse(
        'REVEAL_LIMIT_EXCEEDED',
        `at most ${this.limits.perHour} full ID numbers or phones may be revealed in an hour; try again after ${new Date(hour.getTime() + HOUR_MS).toISOString()}`,
        'reveal',
      );
    }
  }
}
