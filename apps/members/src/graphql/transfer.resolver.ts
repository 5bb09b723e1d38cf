import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AFTER_ARG, FIRST_ARG, InputValidationError, calendarDateArg, connection } from '@lianjian/api';
import { type Caller } from '@lianjian/auth';
import { MemberQueries } from '../application/lookup/member.queries';
import { TransferCommands } from '../application/transfer/transfer.commands';
import { TransferLetterQueries } from '../application/transfer/transfer-letter.queries';
import {
  type TransferDirection,
  type TransferListState,
  TransferQueries,
} from '../application/transfer/transfer.queries';
import { type TransferView } from '../application/read-models';
import { type RequestContext } from './context';
import { MemberModel, OrganizationRefModel } from './member.types';
import {
  AcceptTransferInput,
  InitiateTransferInput,
  ReasonedTransferInput,
  RenewTransferLetterInput,
  TransferStepInput,
} from './transfer.inputs';
import {
  RelationshipStepModel,
  TransferConnectionModel,
  TransferLetterDocumentModel,
  TransferDirectionEnum,
  TransferListStateEnum,
  TransferModel,
} from './transfer.types';

export function toTransfer(t: TransferView): TransferModel {
  return {
    id: t._id,
    member: { id: t.memberId },
    scope: t.scope,
    status: t.status,
    fromOrganization: t.fromOrganizationId ? { id: t.fromOrganizationId } : null,
    fromDistrict: t.fromDistrict,
    toOrganization: t.toOrganizationId ? { id: t.toOrganizationId } : null,
    toDistrict: t.toDistrict,
    outsideOrganization: t.outsideOrganization,
    acrossProvinces: t.acrossProvinces,
    approvalPath: [...t.approvalPath],
    approvedBy: [...t.approvedBy],
    nextApproverId: t.nextApproverId,
    validityMonths: t.validityMonths,
    letterNumber: t.letterNumber,
    duesPaidUntil: t.duesPaidUntil,
    arrearsMonths: t.arrearsMonths ?? 0,
    expectedReportOn: t.expectedReportOn,
    letter: t.letter ? { ...t.letter } : null,
    initiatedOn: t.initiatedOn,
    closedOn: t.closedOn,
    memberLanded: t.memberLanded ?? false,
  };
}

@Resolver(() => TransferModel)
export class TransferResolver {
  constructor(
    private readonly commands: TransferCommands,
    private readonly queries: TransferQueries,
    private readonly members: MemberQueries,
    private readonly letters: TransferLetterQueries,
  ) {}

  @Query(() => TransferLetterDocumentModel, {
    description: 'The letter (介绍信) to print, with its signed code: the sending side, or the member themself.',
  })
  async transferLetter(@Context('caller') caller: Caller, @Args('transferId', { type: () => ID }) transferId: string) {
    const { pdf, code } = await this.letters.print(caller, transferId);
    return { code, pdfBase64: pdf.toString('base64') };
  }

  @Query(() => TransferModel, {
    description:
      'The receiving branch opens a transfer from the letter’s code (scanned or typed): a forged or altered code is refused, an expired one says so.',
  })
  async openTransferLetter(@Context('caller') caller: Caller, @Args('code') code: string) {
    if (code.length > 200) throw InputValidationError.of('code', 'code is at most 200 characters');
    return toTransfer(await this.letters.open(caller, code));
  }

  @Query(() => TransferModel, { nullable: true })
  async transfer(@Context('caller') caller: Caller, @Args('id', { type: () => ID }) id: string) {
    const t = await this.queries.transfer(caller, id);
    return t && toTransfer(t);
  }

  @Query(() => TransferConnectionModel, {
    description:
      "A branch's (or its subtree's) or a district's transfers, incoming or outgoing, by state; cursor-paged in id order.",
  })
  async transfers(
    @Context('caller') caller: Caller,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId: string | null,
    @Args('district', {
      type: () => String,
      nullable: true,
      description:
        'A district code such as `huangpu` (lowercase letters, digits and dashes), when no organization is given.',
    })
    district: string | null,
    @Args('includeSubtree', { type: () => Boolean, defaultValue: false }) includeSubtree: boolean,
    @Args('direction', { type: () => TransferDirectionEnum }) direction: TransferDirection,
    @Args('state', { type: () => TransferListStateEnum, nullable: true }) state: TransferListState | null,
    @Args('first', FIRST_ARG) first: number,
    @Args('after', AFTER_ARG) after: string | null,
  ) {
    return connection(
      await this.queries.list(caller, { organizationId, district, includeSubtree, direction, state }, { first, after }),
      toTransfer,
    );
  }

  @Query(() => [TransferModel], { description: 'My transfers (a member): their state and letter.' })
  async myTransfers(@Context('caller') caller: Caller) {
    if (!caller.memberId) return [];
    return ((await this.queries.ofMembers(caller, [caller.memberId])).get(caller.memberId) ?? []).map(toTransfer);
  }

  @Query(() => [RelationshipStepModel], {
    description: "A member's organizational relationship over time: every branch, from when, until when, and why.",
  })
  async memberRelationshipTimeline(
    @Context('caller') caller: Caller,
    @Args('memberId', { type: () => ID }) memberId: string,
  ) {
    return (await this.queries.timeline(memberId, () => this.readable(caller, memberId))).map(toStep);
  }

  @Query(() => RelationshipStepModel, {
    nullable: true,
    description: 'Where a member belonged on a past date (null: not in the city’s organizations then).',
  })
  async memberOrganizationOn(
    @Context('caller') caller: Caller,
    @Args('memberId', { type: () => ID }) memberId: string,
    @Args('date') date: string,
  ) {
    calendarDateArg(date, 'date');
    const steps = await this.queries.timeline(memberId, () => this.readable(caller, memberId));
    const step = TransferQueries.on(steps, date);
    return step && toStep(step);
  }

  @Mutation(() => TransferModel, { description: '发起组织关系转接.' })
  async initiateTransfer(@Context('caller') caller: Caller, @Args('input') input: InitiateTransferInput) {
    return toTransfer(await this.commands.initiate(caller, input));
  }

  @Mutation(() => TransferModel, { description: 'The next organization on the approval path approves.' })
  async approveTransfer(@Context('caller') caller: Caller, @Args('input') input: TransferStepInput) {
    return toTransfer(await this.commands.approve(caller, input));
  }

  @Mutation(() => TransferModel, { description: 'The next approver sends the transfer back, with a reason.' })
  async sendBackTransfer(@Context('caller') caller: Caller, @Args('input') input: ReasonedTransferInput) {
    return toTransfer(await this.commands.sendBack(caller, input));
  }

  @Mutation(() => TransferModel, { description: 'The sender resubmits a transfer sent back.' })
  async resubmitTransfer(@Context('caller') caller: Caller, @Args('input') input: TransferStepInput) {
    return toTransfer(await this.commands.resubmit(caller, input));
  }

  @Mutation(() => TransferModel, { description: 'The sender revokes, until the first approval.' })
  async revokeTransfer(@Context('caller') caller: Caller, @Args('input') input: ReasonedTransferInput) {
    return toTransfer(await this.commands.revoke(caller, input));
  }

  @Mutation(() => TransferModel, {
    description: 'The member reported: the receiving branch accepts and the member lands (MemberTransferred).',
  })
  async acceptTransfer(@Context('caller') caller: Caller, @Args('input') input: AcceptTransferInput) {
    return toTransfer(await this.commands.accept(caller, input));
  }

  @Mutation(() => TransferModel, { description: 'The receiving branch rejects, with a reason: back to the sender.' })
  async rejectTransfer(@Context('caller') caller: Caller, @Args('input') input: ReasonedTransferInput) {
    return toTransfer(await this.commands.reject(caller, input));
  }

  @Mutation(() => TransferModel, { description: 'A renewed letter for an expired transfer (an unreported member).' })
  async renewTransferLetter(@Context('caller') caller: Caller, @Args('input') input: RenewTransferLetterInput) {
    return toTransfer(await this.commands.renewLetter(caller, input));
  }

  private async readable(caller: Caller, memberId: string): Promise<void> {
    const member = await this.members.member(caller, memberId);
    if (!member) throw new Error('unreachable: member() refuses an unknown member');
  }
}

const toStep = (s: {
  organizationId: string | null;
  district: string | null;
  from: string;
  until: string | null;
  cause: string;
  transferId: string | null;
}): RelationshipStepModel => ({
  organization: s.organizationId ? { id: s.organizationId } : null,
  district: s.district,
  from: s.from,
  until: s.until,
  cause: s.cause,
  transferId: s.transferId,
});

/** A member's transfers, added to the member (federation: batched per request). */
@Resolver(() => MemberModel)
export class MemberTransfersResolver {
  @ResolveField(() => [TransferModel], { description: "The member's transfers, newest first (those you may see)." })
  async transfers(@Parent() member: MemberModel, @Context() context: RequestContext) {
    return ((await context.loaders.transfers.load(member.id)) ?? []).map(toTransfer);
  }
}

/** An organization's incoming and outgoing transfers, added to the organizations service's entity. */
@Resolver(() => OrganizationRefModel)
export class OrganizationTransfersResolver {
  constructor(private readonly queries: TransferQueries) {}

  @ResolveField(() => TransferConnectionModel, { description: 'Transfers to this branch (or its subtree), by state.' })
  incomingTransfers(
    @Parent() org: OrganizationRefModel,
    @Context() context: RequestContext,
    @Args('includeSubtree', { type: () => Boolean, defaultValue: false }) includeSubtree: boolean,
    @Args('state', { type: () => TransferListStateEnum, nullable: true }) state: TransferListState | null,
    @Args('first', FIRST_ARG) first: number,
    @Args('after', AFTER_ARG) after: string | null,
  ) {
    return this.list(context, { organizationId: org.id, direction: 'Incoming', includeSubtree, state }, first, after);
  }

  @ResolveField(() => TransferConnectionModel, {
    description: 'Transfers from this branch (or its subtree), by state.',
  })
  outgoingTransfers(
    @Parent() org: OrganizationRefModel,
    @Context() context: RequestContext,
    @Args('includeSubtree', { type: () => Boolean, defaultValue: false }) includeSubtree: boolean,
    @Args('state', { type: () => TransferListStateEnum, nullable: true }) state: TransferListState | null,
    @Args('first', FIRST_ARG) first: number,
    @Args('after', AFTER_ARG) after: string | null,
  ) {
    return this.list(context, { organizationId: org.id, direction: 'Outgoing', includeSubtree, state }, first, after);
  }

  /** The first page of an organization alone is batched with the other organizations of the request. */
  private async list(
    context: RequestContext,
    where: {
      organizationId: string;
      direction: TransferDirection;
      includeSubtree: boolean;
      state: TransferListState | null;
    },
    first: number,
    after: string | null,
  ) {
    const page =
      !where.includeSubtree && !after
        ? await context.loaders.organizationTransfers.load({ ...where, first })
        : await this.queries.list(context.caller, where, { first, after });
    return connection(page, toTransfer);
  }
}
