/**
 * Runs catch-up passes one at a time. A caller gets a pass that starts after its call (so it sees the caller's own
 * commits); callers that arrive while such a pass is still waiting share it.
 */
export class CatchUpRunner {
  private running: Promise<void> = Promise.resolve();
  /** A pass that is waiting for the running one: it has not read yet, so later callers can share it. */
  private queued: Promise<void> | null = null;

  constructor(private readonly pass: () => Promise<void>) {}

  run(): Promise<void> {
    if (this.queued) return this.queued;
    const queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        const pass = this.pass();
        this.running = pass;
        return pass;
      });
    this.queued = queued;
    return queued;
  }
}
