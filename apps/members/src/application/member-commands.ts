import { randomUUID } from 'node:crypto';
import { AuthError, type Caller } from '@lianjian/auth';
import {
  type AppendContext,
  type CommandOptions,
  type LoadedAggregate,
  type MongoEventStore,
  commandContext,
  commandHandleOptions,
  deciderOf,
  handleCommand,
  loadAggregate,
} from '@lianjian/event-store';
import { memberStreamId } from '@lianjian/members-contracts';
import {
  BRANCH_TYPES,
  type IsoDate,
  type IsoMonth,
  type LapseDecision,
  type MeetingVote,
  type MemberCategory,
  type MemberCommand,
  type MemberEvent,
  type MemberFact,
  type MemberProfile,
  type MemberRules,
  type MemberRulesConfiguration,
  MemberRuleViolation,
  type MemberState,
  type MembershipStatus,
  type PipelineHistory,
  type ReductionKind,
  checkCitizenId,
  decideMember,
  evolveMember,
  isMobilePhone,
  isVotingOn,
  lapseReasons,
  memberRulesFor,
  refuse,
} from '@lianjian/members-domain';
import pMap from 'p-map';
import { type MemberStateProjection } from '../infrastructure/current-state.projection';
import { type OrganizationDirectory } from '../infrastructure/organization-directory';
import { type PersonalDataVault } from '../infrastructure/personal-data-vault';
import { membersByIds, rosterEntries } from '../infrastructure/rosters';
import { type MemberView, type OrganizationRef, type Views } from '../infrastructure/views';
import { type Clock } from '@lianjian/calendar';
import { type MemberRegistration } from './member-registration';
import { type MemberScope } from './scope';

/** A branch's members billed at once (each bill is one load, decide and append on the member's stream). */
const BILLS_IN_FLIGHT = 8;

export const memberDecider = deciderOf<MemberState, MemberCommand, MemberEvent>(decideMember, evolveMember, () => null);

export interface RegisterMemberInput extends CommandOptions {
  readonly organizationId: string;
  readonly name: string;
  readonly idNumber: string;
  readonly phone?: string | null;
  readonly ethnicity: string;
  readonly education: string;
  readonly category: MemberCategory;
  readonly posts?: string[] | null;
  readonly unitId?: string | null;
  readonly monthlyIncome?: number | null;
  readonly appliedOn?: IsoDate | null;
  readonly activistOn?: IsoDate | null;
  readonly candidateOn?: IsoDate | null;
  readonly joinedOn?: IsoDate | null;
  readonly fullMembershipOn?: IsoDate | null;
}

/** Members with long histories (years of monthly dues) load from a snapshot and the events after it. */
const MEMBER_SNAPSHOTS = { schemaVersion: 1, every: 50 };

export type VoteInput = Omit<MeetingVote, 'votingMembers' | 'meetingId'> & { readonly meetingId?: string | null };

/** A member as a command sees it: the stream folded (its own state, not a read model), and the version it is at. */
interface LoadedMember {
  readonly view: MemberView;
  readonly loaded: LoadedAggregate<MemberState>;
}

const viewOf = (memberId: string, state: MemberState, version: number): MemberView => ({
  ...state!,
  _id: memberId,
  version,
});

/**
 * Carries out member commands: loads the member's stream once, checks the caller's scope on it, gathers the facts
 * the rules need (the branch's voting members on the meeting date, sponsors, the superior organization), lets the
 * pure decider decide, appends once with the version it loaded, and returns the state that append produced.
 */
export class MemberCommands {
  constructor(
    private readonly store: MongoEventStore,
    private readonly v: Views,
    private readonly projection: MemberStateProjection,
    private readonly directory: OrganizationDirectory,
    private readonly scope: MemberScope,
    private readonly vault: PersonalDataVault,
    private readonly rules: MemberRulesConfiguration,
    private readonly clock: Clock,
    private readonly onAppended: () => void,
    private readonly registration: MemberRegistration,
  ) {}

  // ---- profiles and personal data ---------------------------------------------------------------------------

  async register(caller: Caller, input: RegisterMemberInput): Promise<MemberView> {
    const { branch, district } = await this.branchFor(caller, input.organizationId);
    const id = checkCitizenId(input.idNumber, this.clock.today());
    if (!id.valid) refuse('CITIZEN_ID_INVALID', id.reason, 'idNumber');
    if (input.phone && !isMobilePhone(input.phone))
      refuse('PHONE_INVALID', 'a mobile number has 11 digits and starts with 1', 'phone');
    const profile: MemberProfile = {
      name: input.name,
      gender: id.gender,
      birthDate: id.birthDate,
      ethnicity: input.ethnicity,
      education: input.education,
      category: input.category,
      posts: input.posts ?? [],
      unitId: input.unitId ?? null,
    };
    const history: PipelineHistory = {
      appliedOn: input.appliedOn ?? null,
      activistOn: input.activistOn ?? null,
      candidateOn: input.candidateOn ?? null,
      joinedOn: input.joinedOn ?? null,
      fullMembershipOn: input.fullMembershipOn ?? null,
    };
    const commitId = input.commandId ?? randomUUID();
    const outcome = (
      await this.registration.registerAll(
        caller,
        [
          {
            organizationId: branch._id,
            district,
            rules: this.rulesFor(district),
            profile,
            idNumber: id.normalized,
            phone: input.phone ?? null,
            history,
            status: 'Normal',
            monthlyIncome: input.monthlyIncome ?? null,
            source: 'Registration',
            commitId,
          },
        ],
        { batchId: null, correlationId: commitId },
      )
    )[0]!;
    switch (outcome.kind) {
      case 'registered':
        this.onAppended();
        return outcome.member;
      case 'refused':
        throw outcome.violation;
      default: // already registered (an import's own batch alone resumes)
        return refuse(
          'CITIZEN_ID_ALREADY_REGISTERED',
          'a member with this citizen ID number is already registered in the city',
          'idNumber',
        );
    }
  }

  /** Crypto-shredding: the member's data key is destroyed; history and statistics stay. */
  async erasePersonalData(
    caller: Caller,
    input: { memberId: string; reason: string } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.writable(caller, input.memberId);
    if (caller.role !== 'CITY_ADMIN' && caller.role !== 'DISTRICT_ADMIN')
      throw new AuthError('FORBIDDEN', 'personal data is erased by a city or district admin');
    // the reservation's key is the blind index of the ID number: read it while the data key still exists
    const revealed = member.view.protectedData
      ? await this.vault.reveal(member.view._id, member.view.protectedData)
      : null;
    const erased = await this.run(
      caller,
      member,
      { kind: 'ErasePersonalData', on: this.clock.today(), reason: input.reason, ...(await this.dated(member.view)) },
      input,
    );
    await this.vault.destroy(member.view._id); // at once; the projection repeats it if this process dies first
    if (revealed?.idNumber)
      await this.v.citizenIds.deleteOne({ _id: this.vault.blindIndex(revealed.idNumber), memberId: member.view._id });
    return erased;
  }

  async changeStatus(
    caller: Caller,
    input: { memberId: string; status: MembershipStatus; on: IsoDate; reason: string } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.writable(caller, input.memberId);
    return this.run(
      caller,
      member,
      {
        kind: 'ChangeMembershipStatus',
        status: input.status,
        on: input.on,
        reason: input.reason,
        ...(await this.dated(member.view)),
      },
      input,
    );
  }

  // ---- development pipeline ---------------------------------------------------------------------------------

  async designateActivist(
    caller: Caller,
    input: { memberId: string; on: IsoDate } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.writable(caller, input.memberId);
    return this.run(
      caller,
      member,
      { kind: 'DesignateActivist', on: input.on, ...(await this.dated(member.view)) },
      input,
    );
  }

  async designateDevelopmentCandidate(
    caller: Caller,
    input: { memberId: string; on: IsoDate; sponsorIds: string[] } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.writable(caller, input.memberId);
    await this.projection.reachOwnWrites(); // other members: the read model
    const found = await this.v.members.find({ _id: { $in: input.sponsorIds } }).toArray();
    const sponsors: MemberFact[] = input.sponsorIds.map((id) => {
      const s = found.find((f) => f._id === id) ?? refuse('SPONSORS_INVALID', `no member ${id}`, 'sponsorIds');
      return { memberId: s._id, stage: s.stage, status: s.status, probationCancelled: s.probationCancelled };
    });
    return this.run(
      caller,
      member,
      { kind: 'DesignateDevelopmentCandidate', on: input.on, sponsors, ...(await this.dated(member.view)) },
      input,
    );
  }

  async resolveAdmission(
    caller: Caller,
    input: { memberId: string; vote: VoteInput } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.writable(caller, input.memberId);
    return this.run(
      caller,
      member,
      { kind: 'ResolveAdmission', vote: await this.vote(member.view, input.vote), ...(await this.dated(member.view)) },
      input,
    );
  }

  async approveAdmission(
    caller: Caller,
    input: { memberId: string; approvedOn: IsoDate; approverOrganizationId: string } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.approvable(caller, input.memberId, input.approverOrganizationId);
    return this.run(
      caller,
      member,
      {
        kind: 'ApproveAdmission',
        approvedOn: input.approvedOn,
        approverOrganizationId: input.approverOrganizationId,
        ...(await this.dated(member.view)),
      },
      input,
    );
  }

  async extendProbation(
    caller: Caller,
    input: { memberId: string; on: IsoDate; months: number } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.writable(caller, input.memberId);
    return this.run(
      caller,
      member,
      { kind: 'ExtendProbation', on: input.on, months: input.months, ...(await this.dated(member.view)) },
      input,
    );
  }

  async resolveFullMembership(
    caller: Caller,
    input: { memberId: string; vote: VoteInput } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.writable(caller, input.memberId);
    return this.run(
      caller,
      member,
      {
        kind: 'ResolveFullMembership',
        vote: await this.vote(member.view, input.vote),
        ...(await this.dated(member.view)),
      },
      input,
    );
  }

  async approveFullMembership(
    caller: Caller,
    input: { memberId: string; approvedOn: IsoDate; approverOrganizationId: string } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.approvable(caller, input.memberId, input.approverOrganizationId);
    return this.run(
      caller,
      member,
      {
        kind: 'ApproveFullMembership',
        approvedOn: input.approvedOn,
        approverOrganizationId: input.approverOrganizationId,
        ...(await this.dated(member.view)),
      },
      input,
    );
  }

  async cancelProbation(
    caller: Caller,
    input: { memberId: string; on: IsoDate; reason: string } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.writable(caller, input.memberId);
    return this.run(
      caller,
      member,
      { kind: 'CancelProbation', on: input.on, reason: input.reason, ...(await this.dated(member.view)) },
      input,
    );
  }

  // ---- dues ---------------------------------------------------------------------------------------------------

  async declareDuesBase(
    caller: Caller,
    input: {
      memberId: string;
      category: MemberCategory;
      monthlyIncome?: number | null;
      effectiveFrom?: IsoMonth | null;
    } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.writable(caller, input.memberId);
    return this.run(
      caller,
      member,
      {
        kind: 'DeclareDuesBase',
        category: input.category,
        monthlyIncome: input.monthlyIncome ?? null,
        effectiveFrom: input.effectiveFrom ?? this.clock.today().slice(0, 7),
        ...(await this.dated(member.view)),
      },
      input,
    );
  }

  /** Monthly bills for every billable member of a branch; billing a month again bills nobody twice. */
  async issueDuesBills(
    caller: Caller,
    input: { organizationId: string; month: IsoMonth },
  ): Promise<{ billed: number; alreadyBilled: number; notBillable: number; incomeNotDeclared: string[] }> {
    const { branch, district } = await this.branchFor(caller, input.organizationId);
    await this.projection.reachOwnWrites(); // the branch's roster is a read model
    const members = await membersByIds(
      this.v.members,
      (await rosterEntries(this.v.rosters, [branch._id])).map((e) => e.memberId),
    );
    const rules = this.rulesFor(district);
    let billed = 0;
    let alreadyBilled = 0;
    let notBillable = 0;
    const incomeNotDeclared: string[] = [];
    await pMap(
      members,
      async (m) => {
        if (m.bills.some((b) => b.month === input.month)) {
          alreadyBilled += 1;
          return;
        }
        try {
          const result = await handleCommand(
            this.store,
            memberStreamId(m._id),
            memberDecider,
            { kind: 'BillDues', month: input.month, today: this.clock.today(), rules },
            this.context(caller, { commandId: null }, district),
            { replayable: false },
          );
          if (result.events.length) billed += 1;
          else notBillable += 1;
        } catch (error) {
          // one member without a declared income does not stop the branch's bills: they are listed to follow up
          if (!(error instanceof MemberRuleViolation && error.code === 'DUES_INCOME_REQUIRED')) throw error;
          incomeNotDeclared.push(m._id);
        }
      },
      { concurrency: BILLS_IN_FLIGHT },
    );
    this.onAppended();
    return { billed, alreadyBilled, notBillable, incomeNotDeclared: incomeNotDeclared.sort() };
  }

  /** A payment by the member themself, or by an admin on their behalf (代缴). */
  async payDues(
    caller: Caller,
    input: {
      memberId: string;
      months: IsoMonth[];
      amount: number;
      paidOn?: IsoDate | null;
      paymentId?: string | null;
    } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.load(input.memberId);
    const self = caller.role === 'MEMBER' && caller.memberId === member.view._id;
    if (!self) this.scope.assertWrite(caller, await this.scope.target(member.view));
    return this.run(
      caller,
      member,
      {
        kind: 'PayDues',
        paymentId: input.paymentId ?? input.commandId ?? randomUUID(),
        months: input.months,
        amount: input.amount,
        paidOn: input.paidOn ?? this.clock.today(),
        paidBy: self ? member.view._id : caller.subject,
        onBehalf: !self,
        ...(await this.dated(member.view)),
      },
      input,
    );
  }

  async requestDuesReduction(
    caller: Caller,
    input: {
      memberId: string;
      kind: ReductionKind;
      fromMonth: IsoMonth;
      toMonth: IsoMonth;
      monthlyAmount?: number | null;
      reason: string;
      reductionId?: string | null;
    } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.load(input.memberId);
    const self = caller.role === 'MEMBER' && caller.memberId === member.view._id;
    if (!self) this.scope.assertWrite(caller, await this.scope.target(member.view));
    return this.run(
      caller,
      member,
      {
        kind: 'RequestDuesReduction',
        reductionId: input.reductionId ?? randomUUID(),
        reductionKind: input.kind,
        fromMonth: input.fromMonth,
        toMonth: input.toMonth,
        monthlyAmount: input.monthlyAmount ?? null,
        reason: input.reason,
        requestedOn: this.clock.today(),
        ...(await this.dated(member.view)),
      },
      input,
    );
  }

  /** The branch decides (its admins), then the superior approves (an admin of an organization above the branch). */
  async decideDuesReduction(
    caller: Caller,
    input: {
      memberId: string;
      reductionId: string;
      level: 'Branch' | 'Superior';
      approved: boolean;
      decidedOn: IsoDate;
      deciderOrganizationId?: string | null;
      reason?: string | null;
    } & CommandOptions,
  ): Promise<MemberView> {
    const member =
      input.level === 'Branch'
        ? await this.writable(caller, input.memberId)
        : await this.approvable(caller, input.memberId, input.deciderOrganizationId ?? '');
    return this.run(
      caller,
      member,
      {
        kind: 'DecideDuesReduction',
        reductionId: input.reductionId,
        level: input.level,
        approved: input.approved,
        decidedOn: input.decidedOn,
        deciderOrganizationId: input.level === 'Branch' ? member.view.organizationId : input.deciderOrganizationId!,
        reason: input.reason ?? null,
        ...(await this.dated(member.view)),
      },
      input,
    );
  }

  // ---- lapse and lost contact ---------------------------------------------------------------------------------

  async recordLostContact(
    caller: Caller,
    input: { memberId: string; since: IsoDate } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.writable(caller, input.memberId);
    return this.run(
      caller,
      member,
      { kind: 'RecordLostContact', since: input.since, ...(await this.dated(member.view)) },
      input,
    );
  }

  async recordContactRestored(
    caller: Caller,
    input: { memberId: string; on: IsoDate } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.writable(caller, input.memberId);
    return this.run(
      caller,
      member,
      { kind: 'RecordContactRestored', on: input.on, ...(await this.dated(member.view)) },
      input,
    );
  }

  /** The branch's decision on a lapse candidate, approved by the superior: removal (自行脱党) or keeping them. */
  async recordLapseDecision(
    caller: Caller,
    input: {
      memberId: string;
      decision: LapseDecision;
      branchDecidedOn: IsoDate;
      approvedOn: IsoDate;
      approverOrganizationId: string;
    } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.approvable(caller, input.memberId, input.approverOrganizationId);
    const lastMeetingOn = (await this.v.activity.findOne({ _id: member.view._id }))?.lastMeetingOn ?? null;
    const { rules, today } = await this.dated(member.view);
    const reasons = lapseReasons(member.view, lastMeetingOn, today, rules).map((r) => r.message);
    return this.run(
      caller,
      member,
      {
        kind: 'RecordLapseDecision',
        decision: input.decision,
        reasons,
        branchDecidedOn: input.branchDecidedOn,
        approvedOn: input.approvedOn,
        approverOrganizationId: input.approverOrganizationId,
        today,
        rules,
      },
      input,
    );
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  /** The branch a member belongs to: it must exist (as the organizations service published it), be active and a branch. */
  private async branchFor(
    caller: Caller,
    organizationId: string,
  ): Promise<{ branch: OrganizationRef; district: string | null }> {
    const branch = await this.directory.get(organizationId);
    if (!branch)
      return refuse(
        'ORGANIZATION_NOT_FOUND',
        `no organization ${organizationId} (or its establishment has not reached the members service yet)`,
        'organizationId',
      );
    if (branch.status !== 'active')
      refuse('ORGANIZATION_NOT_FOUND', `the organization is ${branch.status}`, 'organizationId');
    if (!(BRANCH_TYPES as readonly string[]).includes(branch.type))
      refuse(
        'ORGANIZATION_NOT_A_BRANCH',
        `members belong to a branch; ${branch.name} is a ${branch.type}`,
        'organizationId',
      );
    const target = await this.directory.scopeOf(branch._id);
    this.scope.assertWrite(caller, target);
    return { branch, district: target.district };
  }

  /** The branch's voting members on the meeting date: full members by then, in good standing on that date. */
  private async vote(member: MemberView, vote: VoteInput): Promise<MeetingVote> {
    await this.projection.reachOwnWrites();
    const fullMembers = (await rosterEntries(this.v.rosters, [member.organizationId])).filter(
      (e) => e.stage === 'FullMember',
    );
    const candidates = await membersByIds(
      this.v.members,
      fullMembers.map((e) => e.memberId),
    );
    const votingMembers = candidates.filter((m) => isVotingOn(m, vote.heldOn)).length;
    return {
      heldOn: vote.heldOn,
      attending: vote.attending,
      inFavour: vote.inFavour,
      votingMembers,
      meetingId: vote.meetingId ?? null,
    };
  }

  /** The member's stream, folded: one snapshot-and-stream read by exact keys. */
  private async load(memberId: string): Promise<LoadedMember> {
    const loaded = await loadAggregate<MemberState, MemberEvent & { data: Record<string, unknown> }>(
      this.store,
      memberStreamId(memberId),
      memberDecider.evolve,
      memberDecider.initialState,
      MEMBER_SNAPSHOTS,
    );
    if (!loaded.state) refuse('MEMBER_NOT_FOUND', `no member ${memberId}`, 'memberId');
    return { view: viewOf(memberId, loaded.state, loaded.version), loaded };
  }

  private async writable(caller: Caller, memberId: string): Promise<LoadedMember> {
    const member = await this.load(memberId);
    this.scope.assertWrite(caller, await this.scope.target(member.view));
    return member;
  }

  /** Superior approval: the approver is an organization above the member's branch, and the caller may act for it. */
  private async approvable(caller: Caller, memberId: string, approverOrganizationId: string): Promise<LoadedMember> {
    const member = await this.load(memberId);
    const path = await this.directory.path(member.view.organizationId);
    if (!path.slice(0, -1).includes(approverOrganizationId)) {
      refuse(
        'APPROVER_NOT_SUPERIOR',
        `${approverOrganizationId} is not above the member's branch`,
        'approverOrganizationId',
      );
    }
    this.scope.assertWrite(caller, await this.directory.scopeOf(approverOrganizationId));
    return member;
  }

  /** Decides on the state the command loaded and appends once; the mutation answers with the state it produced. */
  private async run(
    caller: Caller,
    member: LoadedMember,
    command: MemberCommand,
    options: CommandOptions,
  ): Promise<MemberView> {
    const district = (await this.scope.target(member.view)).district;
    const handled = await handleCommand(
      this.store,
      memberStreamId(member.view._id),
      memberDecider,
      command,
      this.context(caller, options, district),
      commandHandleOptions(options, memberDecider, member.loaded, MEMBER_SNAPSHOTS),
    );
    if (handled.events.length) this.onAppended();
    return viewOf(member.view._id, handled.state, handled.version);
  }

  private rulesFor(district: string | null): MemberRules {
    return memberRulesFor(this.rules, district);
  }

  /** Today, and the rules of the member's district. */
  private async dated(member: MemberView): Promise<{ today: IsoDate; rules: MemberRules }> {
    return { today: this.clock.today(), rules: this.rulesFor((await this.scope.target(member)).district) };
  }

  private context(caller: Caller, options: CommandOptions, district: string | null): AppendContext {
    return commandContext(caller.subject, options, district);
  }
}
