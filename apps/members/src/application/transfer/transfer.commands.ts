import { randomUUID } from 'node:crypto';
import { AuthError, type Caller, canWrite } from '@lianjian/auth';
import {
  type AppendContext,
  type CommandOptions,
  type LoadedAggregate,
  deciderOf,
  expectedVersionOf,
  handleCommand,
  loadAggregate,
} from '@lianjian/event-store';
import { memberStreamId, transferStreamId } from '@lianjian/members-contracts';
import {
  BRANCH_TYPES,
  DEFAULT_TRANSFER_RULES,
  type IsoDate,
  type Transfer,
  type TransferCommand,
  type TransferEvent,
  type TransferRules,
  type TransferState,
  type TreePlace,
  decideTransfer,
  duesStanding,
  evolveTransfer,
  refuse,
} from '@lianjian/members-domain';
import { type MemberCommandSupport, memberDecider } from '../member-command-support';
import { type TransferReadModel, type TransferReservations } from '../ports';
import { type TransferView } from '../read-models';
import pMap from 'p-map';
import { newMemberId } from '../registration/member-registration';
import { type RegisterMemberInput } from '../registration/register-member.handler';

export const transferDecider = deciderOf<TransferState, TransferCommand, TransferEvent>(
  decideTransfer,
  evolveTransfer,
  () => null,
);

/** The transfer statuses still under way: a member has at most one of these at a time. */
export const OPEN_TRANSFER_STATUSES = ['AwaitingApproval', 'SentBack', 'LetterIssued', 'Expired'] as const;

export interface InitiateTransferInput extends CommandOptions {
  readonly transferId?: string | null;
  /** The member (out of or within the city; into the city: a member who left it before, or null for a new one). */
  readonly memberId?: string | null;
  /** The sending branch, for a transfer into the city: null. */
  readonly intoCity?: boolean | null;
  /** The receiving branch; null out of the city. */
  readonly toOrganizationId?: string | null;
  readonly outsideOrganization?: string | null;
  readonly acrossProvinces?: boolean | null;
  readonly reason: string;
  readonly letterNumber: string;
  readonly validityMonths?: number | null;
  readonly expectedReportOn?: IsoDate | null;
  /** Into the city: the dues paid until, as the incoming letter says. */
  readonly duesPaidUntil?: string | null;
}

export interface AcceptTransferInput extends CommandOptions {
  readonly transferId: string;
  readonly reportedOn?: IsoDate | null;
  /** Into the city, a member new to the city: their registration, from the letter's data. */
  readonly incomingMember?: Omit<RegisterMemberInput, 'organizationId'> | null;
}

/** Letters the sweep expires at once (each its own stream: the store batches their commits). */
const EXPIRIES_IN_FLIGHT = 16;

/** The system itself (the deadline sweep, the landing of an accepted transfer). */
const SYSTEM = 'system:transfers';

/**
 * Transfers of a member's organizational relationship (组织关系转接): the sending branch initiates (into the city,
 * the receiving branch registers the incoming letter), the organizations on the approval path approve or send back
 * in order, the receiving branch accepts when the member reports (the member lands: `MemberTransferred` on their own
 * stream) or rejects, the sender may revoke until the first approval; the deadline sweep expires letters whose
 * validity passed, once, whichever instance runs it. The target is known from the organization events this service
 * projects (never a call to the organizations service on the write path).
 */
export class TransferCommands {
  constructor(
    private readonly support: MemberCommandSupport,
    private readonly transfers: TransferReadModel,
    private readonly reservations: TransferReservations,
    private readonly register: (caller: Caller, input: RegisterMemberInput & { memberId: string }) => Promise<unknown>,
    private readonly transferRules: TransferRules = DEFAULT_TRANSFER_RULES,
  ) {}

  private async place(organizationId: string): Promise<TreePlace> {
    const { directory } = this.support.ports;
    return { path: await directory.path(organizationId), district: (await directory.scopeOf(organizationId)).district };
  }

  async initiate(caller: Caller, input: InitiateTransferInput): Promise<TransferView> {
    const { directory, scope } = this.support.ports;
    const today = this.support.today();
    const transferId = input.transferId ?? randomUUID();
    const toId = input.toOrganizationId ?? null;
    const target = toId ? await directory.get(toId) : null;
    if (toId && !target)
      refuse('TRANSFER_TARGET_INVALID', `no organization ${toId} known to the members service`, 'toOrganizationId');
    const to = target
      ? {
          ...(await this.place(target._id)),
          organizationId: target._id,
          active: target.status === 'active',
          canHoldMembers: (BRANCH_TYPES as readonly string[]).includes(target.type),
        }
      : null;
    let memberId: string;
    let from: (TreePlace & { organizationId: string }) | null = null;
    let duesPaidUntil: string | null = input.duesPaidUntil ?? null;
    let arrearsMonths = 0;
    if (input.intoCity) {
      if (!to)
        refuse('TRANSFER_TARGET_INVALID', 'a transfer into the city names the receiving branch', 'toOrganizationId');
      scope.assertWrite(caller, await directory.scopeOf(to.organizationId)); // the receiving side registers the letter
      if (input.memberId) {
        const member = await this.support.load(input.memberId);
        if (member.view.status !== 'TransferredOut')
          refuse(
            'TRANSFER_MEMBER_ELSEWHERE',
            `member ${input.memberId} belongs to an organization in the city`,
            'memberId',
          );
      }
      memberId = input.memberId ?? newMemberId();
    } else {
      if (!input.memberId) return refuse('MEMBER_NOT_FOUND', 'name the member to transfer', 'memberId');
      const member = await this.support.writable(caller, input.memberId);
      memberId = member.view._id;
      from = { ...(await this.place(member.view.organizationId)), organizationId: member.view.organizationId };
      const dues = duesStanding(member.view);
      duesPaidUntil = dues.paidUntil;
      arrearsMonths = dues.arrearsMonths;
    }
    await this.reserve(memberId, transferId);
    const rules = this.transferRules;
    const command: TransferCommand = {
      kind: 'InitiateTransfer',
      transferId,
      memberId,
      from,
      to,
      outsideOrganization: input.outsideOrganization ?? null,
      acrossProvinces: input.acrossProvinces ?? false,
      reason: input.intoCity ? null : await this.support.sealReason(memberId, input.reason),
      letterNumber: input.letterNumber,
      validityMonths: input.validityMonths ?? null,
      duesPaidUntil,
      arrearsMonths,
      expectedReportOn: input.expectedReportOn ?? null,
      today,
      rules,
    };
    return this.run(caller, transferId, command, input, 'new', from?.district ?? to?.district ?? null);
  }

  /**
   * One transfer under way per member: the member's reservation, taken over from a transfer that closed or was never
   * written (a crash after reserving); refused while the holder is under way (an expired one can still be renewed).
   */
  private async reserve(memberId: string, transferId: string): Promise<void> {
    const holder = await this.reservations.reserve(memberId, transferId);
    if (!holder || holder === transferId) return;
    const { state } = await this.load(holder);
    if (state && (OPEN_TRANSFER_STATUSES as readonly string[]).includes(state.status))
      refuse(
        'TRANSFER_ALREADY_OPEN',
        `member ${memberId} already has transfer ${holder} under way (${state.status})`,
        'memberId',
      );
    if (!(await this.reservations.takeOver(memberId, holder, transferId)))
      refuse(
        'TRANSFER_ALREADY_OPEN',
        `member ${memberId} was reserved by another transfer at the same moment`,
        'memberId',
      );
  }

  /** The next organization on the path approves (or sends back): the caller acts for it. */
  async approve(caller: Caller, input: { transferId: string } & CommandOptions): Promise<TransferView> {
    const { transfer, loaded, district } = await this.actingAsNextApprover(caller, input.transferId);
    return this.run(
      caller,
      transfer.id,
      { kind: 'ApproveTransfer', approverId: nextApprover(transfer), ...this.dated() },
      input,
      loaded,
      district,
    );
  }

  async sendBack(
    caller: Caller,
    input: { transferId: string; reason: string } & CommandOptions,
  ): Promise<TransferView> {
    const { transfer, loaded, district } = await this.actingAsNextApprover(caller, input.transferId);
    return this.run(
      caller,
      transfer.id,
      {
        kind: 'SendBackTransfer',
        approverId: nextApprover(transfer),
        reason: await this.support.sealReason(transfer.memberId, input.reason),
        ...this.dated(),
      },
      input,
      loaded,
      district,
    );
  }

  async resubmit(caller: Caller, input: { transferId: string } & CommandOptions): Promise<TransferView> {
    const { transfer, loaded, district } = await this.actingAsSender(caller, input.transferId);
    return this.run(caller, transfer.id, { kind: 'ResubmitTransfer', ...this.dated() }, input, loaded, district);
  }

  async revoke(caller: Caller, input: { transferId: string; reason: string } & CommandOptions): Promise<TransferView> {
    const { transfer, loaded, district } = await this.actingAsSender(caller, input.transferId);
    return this.run(
      caller,
      transfer.id,
      {
        kind: 'RevokeTransfer',
        reason: await this.support.sealReason(transfer.memberId, input.reason),
        ...this.dated(),
      },
      input,
      loaded,
      district,
    );
  }

  async renewLetter(
    caller: Caller,
    input: { transferId: string; letterNumber: string; validityMonths?: number | null } & CommandOptions,
  ): Promise<TransferView> {
    const { transfer, loaded, district } = await this.actingAsSender(caller, input.transferId);
    return this.run(
      caller,
      transfer.id,
      {
        kind: 'RenewTransferLetter',
        letterNumber: input.letterNumber,
        validityMonths: input.validityMonths ?? null,
        ...this.dated(),
      },
      input,
      loaded,
      district,
    );
  }

  /** The member reported: the receiving branch accepts (out of the city, the sender records the receipt). */
  async accept(caller: Caller, input: AcceptTransferInput): Promise<TransferView> {
    const { transfer, loaded, district } = await this.actingAsReceiver(caller, input.transferId);
    const command: TransferCommand = {
      kind: 'AcceptTransfer',
      reportedOn: input.reportedOn ?? this.support.today(),
      ...this.dated(),
    };
    if (!transfer.fromOrganizationId && !(await this.memberExists(transfer.memberId))) {
      // into the city, a member new to it: registered from the letter once the acceptance is known to be allowed, so
      // a refused acceptance registers nobody (a registration whose acceptance then fails is found by the retry)
      decideTransfer(command, transfer);
      if (!input.incomingMember)
        refuse(
          'MEMBER_NOT_FOUND',
          'a member new to the city is registered from the letter: give incomingMember',
          'incomingMember',
        );
      await this.register(caller, {
        ...input.incomingMember,
        organizationId: transfer.toOrganizationId!,
        memberId: transfer.memberId,
        commandId: null,
      });
    }
    const accepted = await this.run(caller, transfer.id, command, input, loaded, district);
    await this.land(accepted, caller.subject);
    return { ...accepted, memberLanded: true };
  }

  async reject(caller: Caller, input: { transferId: string; reason: string } & CommandOptions): Promise<TransferView> {
    const { transfer, loaded, district } = await this.actingAsReceiver(caller, input.transferId);
    return this.run(
      caller,
      transfer.id,
      {
        kind: 'RejectTransfer',
        reason: await this.support.sealReason(transfer.memberId, input.reason),
        ...this.dated(),
      },
      input,
      loaded,
      district,
    );
  }

  /**
   * The deadline sweep: every letter past its validity expires, once, whichever instance gets there first (the
   * transfer's stream version decides; the loser decides again on the new state and appends nothing); then every
   * accepted transfer whose member has not landed yet (a crash between the two appends) lands. Returns the counts.
   */
  async sweep(batch = 1000): Promise<{ expired: number; landed: number }> {
    const today = this.support.today();
    let expired = 0;
    // every letter past its validity, batch after batch in (validUntil, id) order, several at once
    for (let after: TransferView | null = null; ;) {
      const views = await this.transfers.pastValidity(today, batch, after);
      await pMap(
        views,
        async (view) => {
          const handled = await handleCommand(
            this.support.ports.store,
            transferStreamId(view._id),
            transferDecider,
            { kind: 'ExpireTransfer', ...this.dated() },
            this.systemContext(`expire-${view._id}-${view.letter?.validUntil ?? ''}`, view.fromDistrict),
            { replayable: false },
          );
          // another instance's identical commit (same id) is its expiry, not this one's
          if (handled.events.length && !handled.result?.duplicate) expired += 1;
        },
        { concurrency: EXPIRIES_IN_FLIGHT },
      );
      if (views.length < batch) break;
      after = views.at(-1)!;
    }
    let landed = 0;
    for (const view of await this.transfers.acceptedNotLanded(batch)) {
      if (!view.fromOrganizationId && !(await this.memberExists(view.memberId))) continue; // registered on acceptance
      await this.land(view, SYSTEM);
      landed += 1;
    }
    if (expired || landed) this.support.ports.onAppended();
    return { expired, landed };
  }

  /** `MemberTransferred` on the member's stream (once per transfer: a repeat decides nothing), then marks the view. */
  private async land(transfer: Transfer, actor: string): Promise<void> {
    const district = transfer.toDistrict ?? transfer.fromDistrict;
    await handleCommand(
      this.support.ports.store,
      memberStreamId(transfer.memberId),
      memberDecider,
      {
        kind: 'LandTransfer',
        transferId: transfer.id,
        cause: 'Transfer',
        scope: transfer.scope,
        fromOrganizationId: transfer.fromOrganizationId,
        fromDistrict: transfer.fromDistrict,
        toOrganizationId: transfer.toOrganizationId,
        toDistrict: transfer.toDistrict,
        transferredOn: transfer.closedOn ?? this.support.today(),
        today: this.support.today(),
      },
      { ...this.systemContext(`land-${transfer.id}`, district), actor },
      { replayable: true },
    );
    await this.transfers.markLanded(transfer.id);
    this.support.ports.onAppended();
  }

  private async memberExists(memberId: string): Promise<boolean> {
    return (await this.support.ports.store.streamVersion(memberStreamId(memberId))) > 0;
  }

  private load(transferId: string): Promise<LoadedAggregate<TransferState>> {
    return loadAggregate<TransferState, TransferEvent & { data: Record<string, unknown> }>(
      this.support.ports.store,
      transferStreamId(transferId),
      transferDecider.evolve,
      () => null,
    );
  }

  /** The transfer, and the version it is at (the command then decides on it without reloading). */
  private async loadTransfer(
    transferId: string,
  ): Promise<{ transfer: Transfer; loaded: LoadedAggregate<TransferState> }> {
    const loaded = await this.load(transferId);
    if (!loaded.state) return refuse('TRANSFER_NOT_FOUND', `no transfer ${transferId}`, 'transferId');
    return { transfer: loaded.state, loaded };
  }

  private async actingAsNextApprover(caller: Caller, transferId: string) {
    const { transfer, loaded } = await this.loadTransfer(transferId);
    await this.assertParty(caller, transfer); // nobody else learns the transfer's state
    const next = transfer.approvalPath[transfer.approvedBy.length];
    if (transfer.status !== 'AwaitingApproval' || !next)
      refuse('TRANSFER_STATE_NOT_ALLOWED', `a transfer ${transfer.status} awaits no approval`, 'transferId');
    const target = await this.support.ports.directory.scopeOf(next);
    this.support.ports.scope.assertWrite(caller, target);
    return { transfer, loaded, district: target.district };
  }

  /** The caller acts for one of the transfer's organizations (sender, receiver, an approver), or is refused. */
  private async assertParty(caller: Caller, transfer: Transfer): Promise<void> {
    const { directory } = this.support.ports;
    const parties = [transfer.fromOrganizationId, transfer.toOrganizationId, ...transfer.approvalPath];
    for (const id of new Set(parties)) if (id && canWrite(caller, await directory.scopeOf(id))) return;
    throw new AuthError('FORBIDDEN', 'this transfer is outside your scope');
  }

  /** The side that started the transfer: the sending branch (into the city, the receiving branch). */
  private async actingAsSender(caller: Caller, transferId: string) {
    const { transfer, loaded } = await this.loadTransfer(transferId);
    const sender = transfer.fromOrganizationId ?? transfer.toOrganizationId!;
    const target = await this.support.ports.directory.scopeOf(sender);
    this.support.ports.scope.assertWrite(caller, target);
    return { transfer, loaded, district: target.district };
  }

  /** The receiving branch (out of the city, the sender records the member's receipt). */
  private async actingAsReceiver(caller: Caller, transferId: string) {
    const { transfer, loaded } = await this.loadTransfer(transferId);
    const receiver = transfer.toOrganizationId ?? transfer.fromOrganizationId!;
    const target = await this.support.ports.directory.scopeOf(receiver);
    this.support.ports.scope.assertWrite(caller, target);
    return { transfer, loaded, district: target.district };
  }

  private dated(): { today: IsoDate; rules: TransferRules } {
    return { today: this.support.today(), rules: this.transferRules };
  }

  private systemContext(commitId: string, district: string | null): AppendContext {
    return { commitId, actor: SYSTEM, district, correlationId: commitId, causationId: null };
  }

  private async run(
    caller: Caller,
    transferId: string,
    command: TransferCommand,
    options: CommandOptions,
    start: 'new' | LoadedAggregate<TransferState>,
    district: string | null,
  ): Promise<TransferView> {
    const { store } = this.support.ports;
    const handled = await handleCommand(
      store,
      transferStreamId(transferId),
      transferDecider,
      command,
      this.support.context(caller, options, district),
      {
        ...expectedVersionOf(options),
        loaded: start === 'new' ? { state: null, version: 0 } : start,
        replayable: Boolean(options.commandId),
      },
    );
    if (handled.events.length) this.support.ports.onAppended();
    return transferViewOf(handled.state!, handled.version);
  }
}

const nextApprover = (t: Transfer): string => t.approvalPath[t.approvedBy.length] ?? '';

/** A transfer's state as its read model keeps it. */
export function transferViewOf(t: Transfer, version: number, memberLanded?: boolean): TransferView {
  return {
    ...t,
    _id: t.id,
    version,
    nextApproverId: t.status === 'AwaitingApproval' ? (t.approvalPath[t.approvedBy.length] ?? null) : null,
    validUntil: t.letter?.validUntil ?? null,
    ...(memberLanded !== undefined && { memberLanded }),
  };
}
