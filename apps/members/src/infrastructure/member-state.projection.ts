import { type Db } from 'mongodb';
import { type MongoEventStore } from '@lianjian/event-store';
import { LogProjection } from '@lianjian/messaging';
import { MemberStateFold } from '../application/member-state/member-state.fold';
import { type MemberReadModel, type MemberStateWriter, type TransferWriter } from '../application/ports';
import { TransferFold } from '../application/transfer/transfer.fold';
import { MobilityFold } from '../application/mobility/mobility.fold';
import { type MobilityWriter } from '../application/mobility/mobility.ports';
import { type PersonalDataVault } from './personal-data.vault';

/**
 * The member state projection on the service's own log, run by one instance at a time (LogProjection): each batch
 * of up to 2,000 commits goes through the application's fold (`MemberStateFold`), which saves it with one bulk
 * write of the rosters and one of the members (`MongoMemberStateWriter`), so a bulk import's registrations project
 * in seconds. The transfers read model (`TransferFold`) and mobility and community registrations (`MobilityFold`)
 * follow the same batches.
 */
export class MemberStateProjection {
  readonly log: LogProjection;

  constructor(
    store: MongoEventStore,
    members: Pick<MemberReadModel, 'byIds'> & MemberStateWriter,
    vault: PersonalDataVault,
    db: Db,
    transfers: TransferWriter,
    mobility: MobilityWriter,
  ) {
    const fold = new MemberStateFold(store, members, vault);
    const transferFold = new TransferFold(store, transfers);
    const mobilityFold = new MobilityFold(store, mobility);
    this.log = new LogProjection({
      name: 'member-state',
      store,
      db,
      batchSize: 2000,
      apply: async (commits) => {
        await fold.apply(commits);
        await transferFold.apply(commits);
        await mobilityFold.apply(commits);
      },
    });
  }

  /** Waits until the read models hold every commit this process appended (read-your-writes for a query). */
  reachOwnWrites(): Promise<void> {
    return this.log.reachOwnWrites();
  }
}
