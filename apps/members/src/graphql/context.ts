import DataLoader from 'dataloader';
import { type Page } from '@lianjian/api';
import { type Caller } from '@lianjian/auth';
import { type MemberQueries } from '../application/lookup/member.queries';
import { type ProjectActivityReadModel } from '../application/ports';
import {
  type TransferDirection,
  type TransferListState,
  type TransferQueries,
} from '../application/transfer/transfer.queries';
import { type MemberProjectActivity, type MemberView, type TransferView } from '../infrastructure/views';

/** Per-request batching: one database round trip per kind of lookup and tick. */
export class Loaders {
  readonly member: DataLoader<string, MemberView | null>;
  /** Members' transfers (Member.transfers): one query for the members of a page. */
  readonly transfers: DataLoader<string, TransferView[]>;
  /**
   * Organizations' first pages of transfers (Organization.incoming/outgoingTransfers), keyed by the organization and
   * the list's arguments: one query for the organizations of a page that ask the same list.
   */
  readonly organizationTransfers: DataLoader<OrganizationTransfersKey, Page<TransferView>, string>;
  /**
   * Members' co-building project activity (Member.projectActivity), by member id: one read for the members of a page.
   * Keyed by members the caller already read (the field's parent), so it adds no scope of its own.
   */
  readonly projectActivity: DataLoader<string, MemberProjectActivity | null>;

  constructor(
    queries: MemberQueries,
    transfers: TransferQueries,
    caller: Caller,
    projectActivity: ProjectActivityReadModel,
  ) {
    this.projectActivity = new DataLoader(async (ids) => {
      const found = await projectActivity.activityOf(ids);
      return ids.map((id) => found.get(id) ?? null);
    });
    this.member = new DataLoader((ids) => queries.membersByIds(caller, ids));
    this.transfers = new DataLoader(async (ids) => {
      const byMember = await transfers.ofMembers(caller, ids);
      return ids.map((id) => byMember.get(id) ?? []);
    });
    this.organizationTransfers = new DataLoader(
      async (keys) => {
        // one query per distinct list (direction, state, page size) for all the organizations asking it
        const lists = new Map<string, OrganizationTransfersKey[]>();
        for (const key of keys) {
          const list = `${key.direction}|${key.state ?? ''}|${key.first}`;
          lists.set(list, [...(lists.get(list) ?? []), key]);
        }
        const answers = new Map<OrganizationTransfersKey, Page<TransferView> | Error>();
        for (const group of lists.values()) {
          const { direction, state, first } = group[0]!;
          const pages = await transfers.firstPages(
            caller,
            group.map((k) => k.organizationId),
            direction,
            state,
            first,
          );
          for (const key of group) answers.set(key, pages.get(key.organizationId) ?? new Error('no page'));
        }
        return keys.map((key) => answers.get(key)!);
      },
      { cacheKeyFn: (key) => `${key.organizationId}|${key.direction}|${key.state ?? ''}|${key.first}` },
    );
  }
}

/** An organization's first page of transfers, as Organization.incomingTransfers/outgoingTransfers asks it. */
export interface OrganizationTransfersKey {
  readonly organizationId: string;
  readonly direction: TransferDirection;
  readonly state: TransferListState | null;
  readonly first: number;
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
    readonly projectActivity: ProjectActivityReadModel,
  ) {}
}
