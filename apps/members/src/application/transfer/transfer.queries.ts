import { type PageRequest, pageWindow, encodeCursor, type Page } from '@lianjian/api';
import { AuthError, type Caller, canRead } from '@lianjian/auth';
import { addDays } from '@lianjian/calendar';
import { type EventStore } from '@lianjian/event-store';
import { memberStreamId } from '@lianjian/members-contracts';
import {
  type IsoDate,
  type MemberEvent,
  type TransferCause,
  type TransferStatus,
  refuse,
} from '@lianjian/members-domain';
import { type OrganizationLookup, type OwnWrites, type TransferReadModel, type TransferSelector } from '../ports';
import { type TransferView } from '../read-models';
import { type MemberScope } from '../scope';

export type TransferDirection = 'Incoming' | 'Outgoing';
/** The states a branch or district lists its transfers by. */
export const TRANSFER_LIST_STATES = [
  'AwaitingMyApproval',
  'UnderWay',
  'DueSoon',
  'Overdue',
  'Unreported',
  'Done',
] as const;
export type TransferListState = (typeof TRANSFER_LIST_STATES)[number];

/** A letter whose validity ends within this many days is due soon. */
export const DUE_SOON_DAYS = 7;

/** One step of a member's organizational relationship: where it was, from when, until when, and why it moved. */
export interface RelationshipStep {
  readonly organizationId: string | null;
  readonly district: string | null;
  readonly from: IsoDate;
  /** The last day (null: still there). */
  readonly until: IsoDate | null;
  readonly cause: 'Registration' | TransferCause;
  readonly transferId: string | null;
}

export interface TransferQueryPorts {
  readonly transfers: TransferReadModel;
  readonly directory: OrganizationLookup;
  readonly scope: MemberScope;
  readonly ownWrites: OwnWrites;
  readonly store: Pick<EventStore, 'readStream'>;
  readonly today: () => IsoDate;
}

/**
 * Who sees a transfer: the city level; the sender's, receiver's and every approver's side (district admins of their
 * districts, organization admins above them); the member themself. Nobody else outside the city level.
 */
export class TransferQueries {
  constructor(private readonly ports: TransferQueryPorts) {}

  async canSee(caller: Caller, t: TransferView): Promise<boolean> {
    if (caller.role === 'MEMBER') return caller.memberId === t.memberId;
    if (caller.role === 'CITY_ADMIN') return true;
    const parties = [t.fromOrganizationId, t.toOrganizationId, ...t.approvalPath].filter((id): id is string => !!id);
    for (const id of new Set(parties)) if (canRead(caller, await this.ports.directory.scopeOf(id))) return true;
    return false;
  }

  async transfer(caller: Caller, transferId: string): Promise<TransferView | null> {
    await this.ports.ownWrites.reachOwnWrites();
    const t = await this.ports.transfers.get(transferId);
    if (!t || !t.memberId) return null;
    if (!(await this.canSee(caller, t))) throw new AuthError('FORBIDDEN', 'this transfer is outside your scope');
    return t;
  }

  /** The transfers of members, each list newest first, only those the caller may see (Member.transfers, batched). */
  async ofMembers(caller: Caller, memberIds: readonly string[]): Promise<Map<string, TransferView[]>> {
    await this.ports.ownWrites.reachOwnWrites();
    const byMember = new Map<string, TransferView[]>(memberIds.map((id) => [id, []]));
    for (const t of await this.ports.transfers.ofMembers(memberIds))
      if (await this.canSee(caller, t)) byMember.get(t.memberId)?.push(t);
    return byMember;
  }

  /**
   * A branch's (with its subtree when asked) or a district's transfers, incoming or outgoing, by state; waiting for
   * my approval: those whose next approver is the organization (or one in the district).
   */
  async list(
    caller: Caller,
    where: {
      organizationId?: string | null;
      includeSubtree?: boolean | null;
      district?: string | null;
      direction: TransferDirection;
      state?: TransferListState | null;
    },
    request: PageRequest,
  ): Promise<Page<TransferView>> {
    const { scope, directory, transfers } = this.ports;
    await this.ports.ownWrites.reachOwnWrites();
    let selector: TransferSelector;
    const incoming = where.direction === 'Incoming';
    if (where.organizationId) {
      const organizations = await scope.organizationsToList(
        caller,
        where.organizationId,
        where.includeSubtree ?? false,
      );
      selector =
        where.state === 'AwaitingMyApproval'
          ? { nextApproverIds: organizations }
          : incoming
            ? { toOrganizationIds: organizations }
            : { fromOrganizationIds: organizations };
    } else if (where.district) {
      // an organization admin lists the district's transfers that touch their subtree
      const subtree =
        caller.role === 'ORGANIZATION_ADMIN' ? await directory.subtreeIds(caller.organizationId ?? '') : null;
      if (
        !subtree &&
        (!canRead(caller, { district: where.district, organizationPath: [] }) || caller.role === 'MEMBER')
      )
        throw new AuthError('FORBIDDEN', 'this district is outside your scope');
      const inDistrict = where.state === 'AwaitingMyApproval' ? await directory.idsInDistrict(where.district) : [];
      selector =
        where.state === 'AwaitingMyApproval'
          ? { nextApproverIds: subtree ? inDistrict.filter((id) => subtree.includes(id)) : inDistrict }
          : incoming
            ? { toDistrict: where.district, ...(subtree && { toOrganizationIds: subtree }) }
            : { fromDistrict: where.district, ...(subtree && { fromOrganizationIds: subtree }) };
    } else return refuse('ORGANIZATION_NOT_FOUND', 'name an organization or a district', 'organizationId');
    // a member lists only their own transfers (a nested Organization.incomingTransfers, say), never others'
    if (caller.role === 'MEMBER') selector = { ...selector, memberId: caller.memberId ?? '' };
    const { first, afterId } = pageWindow(request);
    const page = await transfers.page({ ...selector, ...this.stateSelector(where.state ?? null) }, first, afterId);
    const last = page.items.at(-1);
    return {
      items: page.items,
      endCursor: last ? encodeCursor(last._id) : null,
      hasNextPage: page.hasNextPage,
      totalCount: page.totalCount,
    };
  }

  /**
   * The first page of several organizations' transfers at once (Organization.incomingTransfers or outgoingTransfers
   * over a page of organizations: one round trip), each organization checked against the caller as `list` does; a
   * refused organization gets its error.
   */
  async firstPages(
    caller: Caller,
    organizationIds: readonly string[],
    direction: TransferDirection,
    state: TransferListState | null,
    first: number,
  ): Promise<Map<string, Page<TransferView> | Error>> {
    await this.ports.ownWrites.reachOwnWrites();
    const results = new Map<string, Page<TransferView> | Error>();
    const allowed: string[] = [];
    for (const id of organizationIds) {
      try {
        await this.ports.scope.organizationsToList(caller, id, false);
        allowed.push(id);
      } catch (error) {
        results.set(id, error instanceof Error ? error : new Error(String(error)));
      }
    }
    const side =
      state === 'AwaitingMyApproval'
        ? 'nextApproverId'
        : direction === 'Incoming'
          ? 'toOrganizationId'
          : 'fromOrganizationId';
    const size = pageWindow({ first, after: null }).first;
    const selector = {
      ...this.stateSelector(state),
      ...(caller.role === 'MEMBER' && { memberId: caller.memberId ?? '' }),
    };
    const pages = allowed.length ? await this.ports.transfers.firstPagesBySide(side, allowed, selector, size) : null;
    for (const id of allowed) {
      const page = pages?.get(id) ?? { items: [], hasNextPage: false, totalCount: 0 };
      const last = page.items.at(-1);
      results.set(id, { ...page, endCursor: last ? encodeCursor(last._id) : null });
    }
    return results;
  }

  private stateSelector(state: TransferListState | null): TransferSelector {
    const today = this.ports.today();
    const statuses = (s: TransferStatus[]) => ({ statuses: s });
    switch (state) {
      case null:
        return {};
      case 'AwaitingMyApproval':
        return statuses(['AwaitingApproval']);
      case 'UnderWay':
        return statuses(['AwaitingApproval', 'SentBack', 'LetterIssued']);
      case 'DueSoon':
        return { ...statuses(['LetterIssued']), validUntilFrom: today, validUntilTo: addDays(today, DUE_SOON_DAYS) };
      case 'Overdue':
        return { ...statuses(['LetterIssued']), expectedReportBefore: today };
      case 'Unreported':
        return statuses(['Expired']);
      case 'Done':
        return statuses(['Landed', 'Rejected', 'Revoked']);
    }
  }

  /**
   * A member's organizational relationship over time, from their own stream (one read by key): the branch they were
   * registered in, then every move (transfers, their organization moving or merging), each with its dates and why.
   */
  async timeline(memberId: string, readMember: () => Promise<unknown>): Promise<RelationshipStep[]> {
    await readMember(); // the member's own read check (MEMBER_NOT_FOUND, scope)
    const steps: RelationshipStep[] = [];
    for (const recorded of await this.ports.store.readStream(memberStreamId(memberId))) {
      const event = recorded as unknown as MemberEvent;
      if (event.type === 'MemberRegistered') {
        const d = event.data;
        const since =
          d.stageHistory.find((s) => s.stage === 'ProbationaryMember')?.since ??
          d.stageHistory[0]?.since ??
          d.registeredOn;
        steps.push({
          organizationId: d.organizationId,
          district: (await this.ports.directory.scopeOf(d.organizationId)).district,
          from: since,
          until: null,
          cause: 'Registration',
          transferId: null,
        });
      } else if (event.type === 'MemberTransferred') {
        const d = event.data;
        const last = steps.at(-1);
        // registered from an incoming letter: before the transfer, the member belonged outside the city
        if (last?.cause === 'Registration' && !d.fromOrganizationId && last.organizationId === d.toOrganizationId)
          steps[steps.length - 1] = { ...last, organizationId: null, district: null };
        if (last && last.until === null)
          steps[steps.length - 1] = { ...steps[steps.length - 1]!, until: addDays(d.transferredOn, -1) };
        steps.push({
          organizationId: d.toOrganizationId,
          district: d.toDistrict,
          from: d.transferredOn,
          until: null,
          cause: d.cause,
          transferId: d.transferId,
        });
      }
    }
    return steps;
  }

  /** Where the member belonged on a day (null: not in the city's organizations then). */
  static on(steps: readonly RelationshipStep[], day: IsoDate): RelationshipStep | null {
    return steps.find((s) => s.from <= day && (s.until === null || day <= s.until) && s.organizationId) ?? null;
  }
}
