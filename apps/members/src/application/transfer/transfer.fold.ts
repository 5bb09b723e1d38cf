import { type Commit, type EventStore, type RecordedEvent } from '@lianjian/event-store';
import { versionStep } from '@lianjian/messaging';
import { isTransferStream, transferIdFromStream, transferStreamId } from '@lianjian/members-contracts';
import { type TransferEvent, type TransferState, evolveTransfer } from '@lianjian/members-domain';
import { type TransferWriter } from '../ports';
import { type TransferView } from '../read-models';
import { transferViewOf } from './transfer.commands';

/**
 * The transfers read model from the service's own log, beside the member state (the same projection, one pass per
 * batch): each transfer's document takes only the next contiguous version of its stream; an event already applied
 * is skipped, and a document behind the log is repaired by folding the stream from the store.
 */
export class TransferFold {
  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly transfers: TransferWriter,
  ) {}

  async apply(commits: readonly Commit[]): Promise<void> {
    const events = commits.flatMap((c) => c.events).filter((e) => isTransferStream(e.streamId));
    if (!events.length) return;
    const ids = [...new Set(events.map((e) => transferIdFromStream(e.streamId)))];
    const views = new Map((await this.transfers.byIds(ids)).map((v) => [v._id, v]));
    const changed = new Set<string>();
    for (const event of events) {
      const id = transferIdFromStream(event.streamId);
      const current = views.get(id) ?? null;
      const step = versionStep(current?.version ?? 0, event.streamVersion);
      if (step === 'seen') continue;
      const next = step === 'next' ? evolved(current, event) : await this.repair(id, event.streamVersion, current);
      if (!next) continue;
      views.set(id, next);
      changed.add(id);
    }
    if (changed.size) await this.transfers.save([...changed].map((id) => views.get(id)!));
  }

  private async repair(id: string, upTo: number, current: TransferView | null): Promise<TransferView | null> {
    let state: TransferState = null;
    let version = 0;
    for (const event of await this.store.readStream(transferStreamId(id), { maxCount: upTo })) {
      state = evolveTransfer(state, event as unknown as TransferEvent);
      version = event.streamVersion;
    }
    return state ? transferViewOf(state, version, current?.memberLanded) : null;
  }
}

function evolved(current: TransferView | null, event: RecordedEvent): TransferView | null {
  const next = evolveTransfer(current, event as unknown as TransferEvent);
  return next ? transferViewOf(next, event.streamVersion, current?.memberLanded) : null;
}
