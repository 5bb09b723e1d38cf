import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { AFTER_ARG, FIRST_ARG, calendarMonthArg, connection } from '@lianjian/api';
import { type Caller } from '@lianjian/auth';
import { type DeadlineStatus, type MembershipStatus, type Stage } from '@lianjian/members-domain';
import { DuesHandlers } from '../application/dues/dues.handlers';
import { DuesQueries } from '../application/dues/dues.queries';
import { LapseHandlers } from '../application/lapse/lapse.handlers';
import { LapseQueries } from '../application/lapse/lapse.queries';
import { MemberQueries } from '../application/lookup/member.queries';
import { ErasePersonalDataHandler } from '../application/personal-data/erase-personal-data.handler';
import { PersonalDataQueries } from '../application/personal-data/personal-data.queries';
import { PipelineHandlers } from '../application/pipeline/pipeline.handlers';
import { PipelineQueries } from '../application/pipeline/pipeline.queries';
import { MemberImport } from '../application/registration/member-import';
import { RegisterMemberHandler } from '../application/registration/register-member.handler';
import { ChangeStatusHandler } from '../application/status/change-status.handler';
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
} from './member.inputs';
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
  MemberProjectActivityModel,
  StatusStepModel,
  MembershipStatusEnum,
  OrganizationRefModel,
  PersonalDataAccessModel,
  PipelineDeadlineModel,
  StageEnum,
} from './member.types';

@Resolver(() => MemberModel)
export class MemberResolver {
  constructor(
    private readonly queries: MemberQueries,
    private readonly registration: RegisterMemberHandler,
    private readonly importer: MemberImport,
    private readonly pipeline: PipelineHandlers,
    private readonly pipelineQueries: PipelineQueries,
    private readonly status: ChangeStatusHandler,
    private readonly duesCommands: DuesHandlers,
    private readonly duesQueries: DuesQueries,
    private readonly lapse: LapseHandlers,
    private readonly lapseQueries: LapseQueries,
    private readonly erasure: ErasePersonalDataHandler,
    private readonly personalData: PersonalDataQueries,
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
    return (await this.pipelineQueries.pipelineDeadlines(caller, { organizationId, includeSubtree: true }, status)).map(
      (r) => ({ member: toMember(r.member), deadline: r.deadline }),
    );
  }

  @Query(() => [ArrearsRowModel], { description: '欠缴: members with billed months unpaid.' })
  async duesArrears(
    @Context('caller') caller: Caller,
    @Args('organizationId', { type: () => ID }) organizationId: string,
  ) {
    return (await this.duesQueries.duesArrears(caller, { organizationId, includeSubtree: true })).map((r) => ({
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
    return this.duesQueries.duesCollection(
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
    return (await this.lapseQueries.lapseCandidates(caller, { organizationId, includeSubtree: true })).map((r) => ({
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
    return (await this.lapseQueries.suspensionCandidates(caller, { organizationId, includeSubtree: true })).map(
      toMember,
    );
  }

  @Query(() => [PersonalDataAccessModel], {
    description: 'Who read the full ID number or phone of a member, and when.',
  })
  personalDataAudit(@Context('caller') caller: Caller, @Args('memberId', { type: () => ID }) memberId: string) {
    return this.personalData.personalDataAudit(caller, memberId);
  }

  @ResolveReference()
  async resolveReference(reference: { id: string }, context: RequestContext) {
    const member = await context.loaders.member.load(reference.id);
    return member && toMember(member);
  }

  // ---- fields ---------------------------------------------------------------------------------------------------

  @ResolveField(() => String, {
    description:
      "The full name (decrypted with the member's data key) for every caller who may read the member; the masked name (张*明) once the personal data is erased.",
  })
  name(@Parent() m: MemberParent) {
    return this.personalData.name(m.view);
  }

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
    return this.personalData.personalData(caller, m.view, 'idNumber', reveal);
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
    return this.personalData.personalData(caller, m.view, 'phone', reveal);
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
    return this.pipelineQueries.deadlineOf(m.view, await this.queries.districtOf(m.view));
  }

  @ResolveField(() => DuesModel)
  async dues(@Parent() m: MemberParent) {
    const unpaid = m.view.bills.filter((b) => !b.paidOn);
    return {
      category: m.view.duesCategory,
      monthlyAmount: await this.duesQueries.monthlyDues(m.view),
      bills: m.view.bills,
      arrearsMonths: unpaid.map((b) => b.month),
      arrearsAmount: Math.round(unpaid.reduce((s, b) => s + b.amount, 0) * 100) / 100,
      reductions: await Promise.all(
        m.view.reductions.map(async (r) => ({ ...r, reason: await this.personalData.reason(m.view, r.reason) })),
      ),
    };
  }

  @ResolveField(() => [StatusStepModel])
  statusHistory(@Parent() m: MemberParent) {
    return Promise.all(
      m.view.statusHistory.map(async (s) => ({ ...s, reason: await this.personalData.reason(m.view, s.reason) })),
    );
  }

  @ResolveField(() => [AttendanceModel], {
    description: 'Organizational life: meetings attended or missed, newest first.',
  })
  async meetings(@Parent() m: MemberParent) {
    return Promise.all(
      (await this.lapseQueries.attendance(m.view)).map(async (a) => ({
        ...a,
        absenceReason: await this.personalData.absenceReason(m.view, a.absenceReason),
      })),
    );
  }

  @ResolveField(() => String, { nullable: true, description: 'The last meeting the member attended.' })
  lastOrganizationalLifeOn(@Parent() m: MemberParent) {
    return this.lapseQueries.lastMeetingOn(m.view);
  }

  @ResolveField(() => MemberProjectActivityModel, {
    description:
      "The member's sign-ins at co-building projects' activities (from the projects service), for the yearly appraisal.",
  })
  async projectActivity(
    @Parent() m: MemberParent,
    @Context() context: RequestContext,
  ): Promise<MemberProjectActivityModel> {
    const activity = await context.loaders.projectActivity.load(m.id);
    return { signIns: activity?.signIns ?? 0, lastSignInOn: activity?.lastOn ?? null };
  }

  // ---- mutations --------------------------------------------------------------------------------------------------

  @Mutation(() => MemberModel, {
    description: 'Register a member or applicant in a branch (with their pipeline dates, if any).',
  })
  async registerMember(@Context('caller') caller: Caller, @Args('input') input: RegisterMemberInput) {
    return toMember(await this.registration.register(caller, input));
  }

  @Mutation(() => MemberModel, { description: '确定入党积极分子' })
  async designateActivist(@Context('caller') caller: Caller, @Args('input') input: DatedStepInput) {
    return toMember(await this.pipeline.designateActivist(caller, input));
  }

  @Mutation(() => MemberModel, { description: '确定发展对象, with two full-member sponsors' })
  async designateDevelopmentCandidate(
    @Context('caller') caller: Caller,
    @Args('input') input: DesignateDevelopmentCandidateInput,
  ) {
    return toMember(await this.pipeline.designateDevelopmentCandidate(caller, input));
  }

  @Mutation(() => MemberModel, { description: "The branch members' meeting's vote to admit (接收预备党员)." })
  async resolveAdmission(@Context('caller') caller: Caller, @Args('input') input: BranchDecisionInput) {
    return toMember(await this.pipeline.resolveAdmission(caller, input));
  }

  @Mutation(() => MemberModel, { description: "The superior organization's approval of the admission." })
  async approveAdmission(@Context('caller') caller: Caller, @Args('input') input: SuperiorApprovalInput) {
    return toMember(await this.pipeline.approveAdmission(caller, input));
  }

  @Mutation(() => MemberModel, { description: '延长预备期: once, 6–12 months.' })
  async extendProbation(@Context('caller') caller: Caller, @Args('input') input: ExtendProbationInput) {
    return toMember(await this.pipeline.extendProbation(caller, input));
  }

  @Mutation(() => MemberModel, { description: "The branch members' meeting's vote for full membership (转正)." })
  async resolveFullMembership(@Context('caller') caller: Caller, @Args('input') input: BranchDecisionInput) {
    return toMember(await this.pipeline.resolveFullMembership(caller, input));
  }

  @Mutation(() => MemberModel)
  async approveFullMembership(@Context('caller') caller: Caller, @Args('input') input: SuperiorApprovalInput) {
    return toMember(await this.pipeline.approveFullMembership(caller, input));
  }

  @Mutation(() => MemberModel, { description: '取消预备党员资格' })
  async cancelProbation(@Context('caller') caller: Caller, @Args('input') input: ReasonedStepInput) {
    return toMember(await this.pipeline.cancelProbation(caller, input));
  }

  @Mutation(() => MemberModel)
  async changeMembershipStatus(@Context('caller') caller: Caller, @Args('input') input: ChangeMembershipStatusInput) {
    return toMember(await this.status.changeStatus(caller, input));
  }

  @Mutation(() => MemberModel, {
    description:
      "Destroys the member's data key: ID number and phone become unreadable everywhere; history and statistics stay.",
  })
  async erasePersonalData(@Context('caller') caller: Caller, @Args('input') input: ErasePersonalDataInput) {
    return toMember(await this.erasure.erasePersonalData(caller, input));
  }

  @Mutation(() => MemberModel)
  async declareDuesBase(@Context('caller') caller: Caller, @Args('input') input: DeclareDuesBaseInput) {
    return toMember(await this.duesCommands.declareDuesBase(caller, input));
  }

  @Mutation(() => DuesBillRunModel, {
    description: "A branch's monthly dues bills; issuing a month again bills nobody twice.",
  })
  issueDuesBills(@Context('caller') caller: Caller, @Args('input') input: IssueDuesBillsInput) {
    return this.duesCommands.issueDuesBills(caller, input);
  }

  @Mutation(() => MemberModel, { description: 'Pay dues, yourself or on behalf of a member (代缴).' })
  async payDues(@Context('caller') caller: Caller, @Args('input') input: PayDuesInput) {
    return toMember(await this.duesCommands.payDues(caller, input));
  }

  @Mutation(() => MemberModel, { description: 'Apply for a dues reduction or waiver (减免).' })
  async requestDuesReduction(@Context('caller') caller: Caller, @Args('input') input: RequestDuesReductionInput) {
    return toMember(await this.duesCommands.requestDuesReduction(caller, input));
  }

  @Mutation(() => MemberModel, {
    description: 'The branch decision, then the superior approval, of a reduction or waiver.',
  })
  async decideDuesReduction(@Context('caller') caller: Caller, @Args('input') input: DecideDuesReductionInput) {
    return toMember(await this.duesCommands.decideDuesReduction(caller, input));
  }

  @Mutation(() => MemberModel, { description: '失联: the branch lost contact with the member.' })
  async recordLostContact(@Context('caller') caller: Caller, @Args('input') input: RecordLostContactInput) {
    return toMember(await this.lapse.recordLostContact(caller, input));
  }

  @Mutation(() => MemberModel)
  async recordContactRestored(@Context('caller') caller: Caller, @Args('input') input: DatedStepInput) {
    return toMember(await this.lapse.recordContactRestored(caller, input));
  }

  @Mutation(() => MemberModel, {
    description: "The decision on a lapse candidate: the branch's, approved by the superior.",
  })
  async recordLapseDecision(@Context('caller') caller: Caller, @Args('input') input: RecordLapseDecisionInput) {
    return toMember(await this.lapse.recordLapseDecision(caller, input));
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
