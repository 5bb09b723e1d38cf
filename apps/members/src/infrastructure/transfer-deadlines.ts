import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type TransferCommands } from '../application/transfer/transfer.commands';

/**
 * Runs the transfer deadline sweep periodically on every instance that runs background workers: letters past their
 * validity expire (once, whichever instance gets there first: the transfer stream's version decides) and accepted
 * transfers whose member has not landed yet land. A restart loses nothing: the sweep reads the read model and the
 * streams, never a timer's memory.
 */
export class TransferDeadlines implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('transfer-deadlines');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly commands: TransferCommands,
    private readonly options: { readonly enabled: boolean; readonly everyMs: number },
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.enabled) return;
    this.timer = setInterval(() => void this.tick(), this.options.everyMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One sweep, unless one is still running. */
  tick(): Promise<void> {
    this.running ??= this.commands
      .sweep()
      .then((done) => {
        if (done.expired || done.landed) this.logger.log({ msg: 'transfer deadlines swept', ...done });
      })
      .catch((error: unknown) =>
        this.logger.warn({ msg: 'transfer deadline sweep failed; retried next time', error: String(error) }),
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
