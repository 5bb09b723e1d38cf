import DataLoader from 'dataloader';
import { type Caller } from '@lianjian/auth';
import { type CouncilQueries, type CouncilView } from '../application/councils/council.queries';

/** Per-request batching: one read per kind of lookup and tick (federated fields of a page of entities). */
export class Loaders {
  /** The councils each organization convenes (Organization.councils). */
  readonly councilsOf: DataLoader<string, CouncilView[]>;

  constructor(reads: BatchedReads, caller: Caller) {
    this.councilsOf = new DataLoader(async (ids) => {
      const byOrganization = await reads.councils.convenedBy(caller, ids);
      return ids.map((id) => byOrganization.get(id) ?? []);
    });
  }
}

/** The queries the loaders batch over (provided by the core module). */
export class BatchedReads {
  constructor(readonly councils: CouncilQueries) {}
}

export interface RequestContext {
  readonly caller: Caller;
  readonly loaders: Loaders;
}
