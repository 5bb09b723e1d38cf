import DataLoader from 'dataloader';
import { type Caller } from '@lianjian/auth';
import { type MemberQueries } from '../application/lookup/member.queries';
import { type MemberView } from '../infrastructure/views';

/** Per-request batching: one database round trip per kind of lookup and tick. */
export class Loaders {
  readonly member: DataLoader<string, MemberView | null>;

  constructor(queries: MemberQueries, caller: Caller) {
    this.member = new DataLoader((ids) => queries.membersByIds(caller, ids));
  }
}

export interface RequestContext {
  readonly caller: Caller;
  readonly loaders: Loaders;
}
