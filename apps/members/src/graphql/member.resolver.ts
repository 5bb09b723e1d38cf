import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { AFTER_ARG, FIRST_ARG, calendarMonthArg, connection } from '@lianjian/api';
import { type Caller } from '@lianjian/auth';
import { type DeadlineStatus, type MembershipStatus, type Stage } from '@lianjian/members-domain';
import { MemberCommands } from '../application/member-commands';
import { MemberImport } from '../application/member-import';
import { MemberQueries } from '../application/member-queries';
import { type RequestContext } from './context';
import {
  BranchDecisionInput,
  ChangeMembershipStatusInput,
  DatedStepInput,
  DecideDuesReductionInput,
  DeclareDuesBaseInput,
  DesignateDevelopmentCandidateInput,
  ErasePersonalDataInput,
  ExtendProbationInput,
  ImportMembersInput,
  IssueDuesBillsInput,
  PayDuesInput,
  ReasonedStepInput,
  RecordLapseDecisionInput,
  RecordLostContactInput,
  RegisterMemberInput,
  RequestDuesReductionInput,
  SuperiorApprovalInput,
} from './inputs';
import { type MemberParent, toMember } from './mappers';
import {
  ArrearsRowModel,
  AttendanceModel,
  DeadlineRowModel,
  DeadlineStatusEnum,
  DuesBillRunModel,
  DuesCollectionModel,
  DuesModel,
  LapseCandidateModel,
  MemberConnectionModel,
  MemberImportReportModel,
  MemberModel,
  MembershipStatusEnum,
  OrganizationRefModel,
  PersonalDataAccessModel,
  PipelineDeadlineModel,
  StageEnum,
} from './types';

@Resolver(() => MemberModel)
export class MemberResolver {
  constructor(
    private readonly commands: MemberCommands,
    private readonly queries: MemberQueries,
    private readonly importer: MemberImport,
  ) {}

  // ---- queries --------------------------------------------------------------------------------------------------

  @Query(() => MemberModel, { nullable: true })
  async member(@Context('caller') caller: Caller, @Args('id', { type: () => ID }) id: string) {
    const member = await this.queries.member(caller, id);
    return member && toMember(member);
  }

  @Query(() => MemberModel, { nullable: true, description: 'A swiped member card or scanned QR code: one lookup.' })
  async memberByCard(@Context('caller') caller: Caller, @Args('cardNumber') cardNumber: string) {
    const member = await this.queries.memberByCard(caller, cardNumber);
    return member && toMember(member);
  }

  @Query(() => MemberModel, { nullable: true, description: 'The calling member themself.' })
  async me(@Context('caller') caller: Caller) {
    if (!caller.memberId) return null;
    const member = await this.queries.member(caller, caller.memberId);
    return member && toMember(member);
  }

  @Query(() => MemberConnectionModel, {
    description: 'Members in your scope; the development pipeline by organization and stage.',
  })
  async members(
    @Context('caller') caller: Caller,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId: string | null,
    @Args('includeSubtree', { type: () => Boolean, defaultValue: false }) includeSubtree: boolean,
    @Args('stages', { type: () => [StageEnum], nullable: true }) stages: Stage[] | null,
    @Args('statuses', { type: () => [MembershipStatusEnum], nullable: true }) statuses: MembershipStatus[] | null,
    @Args('first', FIRST_ARG) first: number,
    @Args('after', AFTER_ARG) after: string | null,
  ) {
    return connection(
      await this.queries.members(caller, { organizationId, includeSubtree, stages, statuses }, { first, after }),
      toMember,
    );
  }

  @Query(() => [DeadlineRowModel], {
    description: 'Pipeline steps due and overdue: approvals pending past their deadline, probations ending.',
  })
  async pipelineDeadlines(
    @Context('caller') caller: Caller,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId: string | null,
    @Args('status', { type: () => DeadlineStatusEnum, nullable: true }) status: DeadlineStatus | null,
  ) {
    return (await this.queries.pipelineDeadlines(caller, { organizationId, includeSubtree: true }, status)).map(
      (r) => ({ member: toMember(r.member), deadline: r.deadline }),
    );
  }

  @Query(() => [ArrearsRowModel], { description: '欠缴: members with billed months unpaid.' })
  async duesArrears(
    @Context('caller') caller: Caller,
    @Args('organizationId', { type: () => ID }) organizationId: string,
  ) {
    return (await this.queries.duesArrears(caller, { organizationId, includeSubtree: true })).map((r) => ({
      ...r,
      member: toMember(r.member),
    }));
  }

  @Query(() => DuesCollectionModel)
  duesCollection(
    @Context('caller') caller: Caller,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('fromMonth') fromMonth: string,
    @Args('toMonth') toMonth: string,
  ) {
    return this.queries.duesCollection(
      caller,
      organizationId,
      calendarMonthArg(fromMonth, 'fromMonth'),
      calendarMonthArg(toMonth, 'toMonth'),
    );
  }

  @Query(() => [LapseCandidateModel], {
    description: 'Candidates for removal (自行脱党): months without organizational life or dues.',
  })
  async lapseCandidates(
    @Context('caller') caller: Caller,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId: string | null,
  ) {
    return (await this.queries.lapseCandidates(caller, { organizationId, includeSubtree: true })).map((r) => ({
      member: toMember(r.member),
      reasons: r.reasons,
    }));
  }

  @Query(() => [MemberModel], {
    description: 'Lost contact for 6 months (configurable): candidates for suspension (停止党籍).',
  })
  async suspensionCandidates(
    @Context('caller') caller: Caller,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId: string | null,
  ) {
    return (await this.queries.suspensionCandidates(caller, { organizationId, includeSubtree: true })).map(toMember);
  }

  @Query(() => [PersonalDataAccessModel], {
    description: 'Who read the full ID number or phone of a member, and when.',
  })
  personalDataAudit(@Context('caller') caller: Caller, @Args('memberId', { type: () => ID }) memberId: string) {
    return this.queries.personalDataAudit(caller, memberId);
  }

  @ResolveReference()
  async resolveReference(reference: { id: string }, context: RequestContext) {
    const member = await context.loaders.member.load(reference.id);
    return member && toMember(member);
  }

  // ---- fields ---------------------------------------------------------------------------------------------------

  @ResolveField(() => String, {
    nullable: true,
    description:
      'Masked (4201**********1234) unless reveal is asked and your role and scope allow it; every full read is audited. Null once erased.',
  })
  idNumber(
    @Parent() m: MemberParent,
    @Context('caller') caller: Caller,
    @Args('reveal', { type: () => Boolean, defaultValue: false }) reveal: boolean,
  ) {
    return this.queries.personalData(caller, m.view, 'idNumber', reveal);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Masked (138****5678) unless reveal is asked and allowed; audited. Null once erased.',
  })
  phone(
    @Parent() m: MemberParent,
    @Context('caller') caller: Caller,
    @Args('reveal', { type: () => Boolean, defaultValue: false }) reveal: boolean,
  ) {
    return this.queries.personalData(caller, m.view, 'phone', reveal);
  }

  @ResolveField(() => OrganizationRefModel, {
    nullable: true,
    description: 'The branch, resolved by the organizations service.',
  })
  organization(@Parent() m: MemberParent) {
    return { __typename: 'Organization', id: m.organizationId };
  }

  @ResolveField(() => PipelineDeadlineModel, { nullable: true })
  async deadline(@Parent() m: MemberParent) {
    return this.queries.deadlineOf(m.view, await this.queries.districtOf(m.view));
  }

  @ResolveField(() => DuesModel)
  async dues(@Parent() m: MemberParent) {
    const unpaid = m.view.bills.filter((b) => !b.paidOn);
    return {
      category: m.view.duesCategory,
      monthlyAmount: await this.queries.monthlyDues(m.view),
      bills: m.view.bills,
      arrearsMonths: unpaid.map((b) => b.month),
      arrearsAmount: Math.round(unpaid.reduce((s, b) => s + b.amount, 0) * 100) / 100,
      reductions: m.view.reductions,
    };
  }

  @ResolveField(() => [AttendanceModel], {
    description: 'Organizational life: meetings attended or missed, newest first.',
  })
  meetings(@Parent() m: MemberParent) {
    return this.queries.attendance(m.view);
  }

  @ResolveField(() => String, { nullable: true, description: 'The last meeting the member attended.' })
  lastOrganizationalLifeOn(@Parent() m: MemberParent) {
    return this.queries.lastMeetingOn(m.view);
  }

  // ---- mutations --------------------------------------------------------------------------------------------------

  @Mutation(() => MemberModel, {
    description: 'Register a member or applicant in a branch (with their pipeline dates, if any).',
  })
  async registerMember(@Context('caller') caller: Caller, @Args('input') input: RegisterMemberInput) {
    return toMember(await this.commands.register(caller, input));
  }

  @Mutation(() => MemberModel, { description: '确定入党积极分子' })
  async designateActivist(@Context('caller') caller: Caller, @Args('input') input: DatedStepInput) {
    return toMember(await this.commands.designateActivist(caller, input));
  }

  @Mutation(() => MemberModel, { description: '确定发展对象, with two full-member sponsors' })
  async designateDevelopmentCandidate(
    @Context('caller') caller: Caller,
    @Args('input') input: DesignateDevelopmentCandidateInput,
  ) {
    return toMember(await this.commands.designateDevelopmentCandidate(caller, input));
  }

  @Mutation(() => MemberModel, { description: "The branch members' meeting's vote to admit (接收预备党员)." })
  async resolveAdmission(@Context('caller') caller: Caller, @Args('input') input: BranchDecisionInput) {
    return toMember(await this.commands.resolveAdmission(caller, input));
  }

  @Mutation(() => MemberModel, { description: "The superior organization's approval of the admission." })
  async approveAdmission(@Context('caller') caller: Caller, @Args('input') input: SuperiorApprovalInput) {
    return toMember(await this.commands.approveAdmission(caller, input));
  }

  @Mutation(() => MemberModel, { description: '延长预备期: once, 6–12 months.' })
  async extendProbation(@Context('caller') caller: Caller, @Args('input') input: ExtendProbationInput) {
    return toMember(await this.commands.extendProbation(caller, input));
  }

  @Mutation(() => MemberModel, { description: "The branch members' meeting's vote for full membership (转正)." })
  async resolveFullMembership(@Context('caller') caller: Caller, @Args('input') input: BranchDecisionInput) {
    return toMember(await this.commands.resolveFullMembership(caller, input));
  }

  @Mutation(() => MemberModel)
  async approveFullMembership(@Context('caller') caller: Caller, @Args('input') input: SuperiorApprovalInput) {
    return toMember(await this.commands.approveFullMembership(caller, input));
  }

  @Mutation(() => MemberModel, { description: '取消预备党员资格' })
  async cancelProbation(@Context('caller') caller: Caller, @Args('input') input: ReasonedStepInput) {
    return toMember(await this.commands.cancelProbation(caller, input));
  }

  @Mutation(() => MemberModel)
  async changeMembershipStatus(@Context('caller') caller: Caller, @Args('input') input: ChangeMembershipStatusInput) {
    return toMember(await this.commands.changeStatus(caller, input));
  }

  @Mutation(() => MemberModel, {
    description:
      "Destroys the member's data key: ID number and phone become unreadable everywhere; history and statistics stay.",
  })
  async erasePersonalData(@Context('caller') caller: Caller, @Args('input') input: ErasePersonalDataInput) {
    return toMember(await this.commands.erasePersonalData(caller, input));
  }

  @Mutation(() => MemberModel)
  async declareDuesBase(@Context('caller') caller: Caller, @Args('input') input: DeclareDuesBaseInput) {
    return toMember(await this.commands.declareDuesBase(caller, input));
  }

  @Mutation(() => DuesBillRunModel, {
    description: "A branch's monthly dues bills; issuing a month again bills nobody twice.",
  })
  issueDuesBills(@Context('caller') caller: Caller, @Args('input') input: IssueDuesBillsInput) {
    return this.commands.issueDuesBills(caller, input);
  }

  @Mutation(() => MemberModel, { description: 'Pay dues, yourself or on behalf of a member (代缴).' })
  async payDues(@Context('caller') caller: Caller, @Args('input') input: PayDuesInput) {
    return toMember(await this.commands.payDues(caller, input));
  }

  @Mutation(() => MemberModel, { description: 'Apply for a dues reduction or waiver (减免).' })
  async requestDuesReduction(@Context('caller') caller: Caller, @Args('input') input: RequestDuesReductionInput) {
    return toMember(await this.commands.requestDuesReduction(caller, input));
  }

  @Mutation(() => MemberModel, {
    description: 'The branch decision, then the superior approval, of a reduction or waiver.',
  })
  async decideDuesReduction(@Context('caller') caller: Caller, @Args('input') input: DecideDuesReductionInput) {
    return toMember(await this.commands.decideDuesReduction(caller, input));
  }

  @Mutation(() => MemberModel, { description: '失联: the branch lost contact with the member.' })
  async recordLostContact(@Context('caller') caller: Caller, @Args('input') input: RecordLostContactInput) {
    return toMember(await this.commands.recordLostContact(caller, input));
  }

  @Mutation(() => MemberModel)
  async recordContactRestored(@Context('caller') caller: Caller, @Args('input') input: DatedStepInput) {
    return toMember(await this.commands.recordContactRestored(caller, input));
  }

  @Mutation(() => MemberModel, {
    description: "The decision on a lapse candidate: the branch's, approved by the superior.",
  })
  async recordLapseDecision(@Context('caller') caller: Caller, @Args('input') input: RecordLapseDecisionInput) {
    return toMember(await this.commands.recordLapseDecision(caller, input));
  }

  @Mutation(() => MemberImportReportModel, {
    description: 'Import members from a legacy CSV export: line-by-line errors, idempotent, resumable.',
  })
  async importMembers(@Context('caller') caller: Caller, @Args('input') input: ImportMembersInput) {
    return this.importer.run(caller, input);
  }
}

/** The members of an organization, added to the organizations service's entity (federation). */
@Resolver(() => OrganizationRefModel)
export class OrganizationMembersResolver {
  constructor(private readonly queries: MemberQueries) {}

  @ResolveReference()
  resolveReference(reference: { id: string }) {
    return { id: reference.id };
  }

  @ResolveField(() => MemberConnectionModel, {
    description: 'Members of the organization (or its subtree), cursor-paged, by stage and status.',
  })
  async members(
    @Parent() org: OrganizationRefModel,
    @Context('caller') caller: Caller,
    @Args('includeSubtree', { type: () => Boolean, defaultValue: false }) includeSubtree: boolean,
    @Args('stages', { type: () => [StageEnum], nullable: true }) stages: Stage[] | null,
    @Args('statuses', { type: () => [MembershipStatusEnum], nullable: true }) statuses: MembershipStatus[] | null,
    @Args('first', FIRST_ARG) first: number,
    @Args('after', AFTER_ARG) after: string | null,
  ) {
    return connection(
      await this.queries.members(
        caller,
        { organizationId: org.id, includeSubtree, stages, statuses },
        { first, after },
      ),
      toMember,
    );
  }
}
