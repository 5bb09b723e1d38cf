import { type Db } from 'mongodb';
import { type MongoEventStore } from '@lianjian/event-store';
import { LogProjection } from '@lianjian/messaging';
import { MemberStateFold } from '../application/member-state/member-state.fold';
import { type MemberReadModel, type MemberStateWriter } from '../application/ports';
import { type PersonalDataVault } from './personal-data.vault';

/**
 * The member state projection on the service's own log, run by one instance at a time (LogProjection): each batch
 * of up to 2,000 commits goes through the application's fold (`MemberStateFold`), which saves it with one bulk
 * write of the rosters and one of the members (`MongoMemberStateWriter`), so a bulk import's registrations project
 * in seconds.
 */
export class MemberStateProjection {
  readonly log: LogProjection;

  constructor(
    store: MongoEventStore,
    members: Pick<MemberReadModel, 'byIds'> & MemberStateWriter,
    vault: PersonalDataVault,
    db: Db,
  ) {
    const fold = new MemberStateFold(store, members, vault);
    this.log = new LogProjection({
      name: 'member-state',
      store,
      db,
      batchSize: 2000,
      apply: (commits) => fold.apply(commits),
    });
  }

  /** Waits until the read models hold every commit this process appended (read-your-writes for a query). */
  reachOwnWrites(): Promise<void> {
    return this.log.reachOwnWrites();
  }
}
