import DataLoader from 'dataloader';
import { type Caller } from '@lianjian/auth';
import { type MemberQueries } from '../application/lookup/member.queries';
import { type TransferQueries } from '../application/transfer/transfer.queries';
import { type MemberView, type TransferView } from '../infrastructure/views';

/** Per-request batching: one database round trip per kind of lookup and tick. */
export class Loaders {
  readonly member: DataLoader<string, MemberView | null>;
  /** Members' transfers (Member.transfers): one query for the members of a page. */
  readonly transfers: DataLoader<string, TransferView[]>;

  constructor(queries: MemberQueries, transfers: TransferQueries, caller: Caller) {
    this.member = new DataLoader((ids) => queries.membersByIds(caller, ids));
    this.transfers = new DataLoader(async (ids) => {
      const byMember = await transfers.ofMembers(caller, ids);
      return ids.map((id) => byMember.get(id) ?? []);
    });
  }
}

export interface RequestContext {
  readonly caller: Caller;
  readonly loaders: Loaders;
}

/** What the per-request loaders read through (one provider, so the request context is built from it). */
export class LoaderSources {
  constructor(
    readonly members: MemberQueries,
    readonly transfers: TransferQueries,
  ) {}
}
