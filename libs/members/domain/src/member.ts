import {
  type IsoDate,
  type IsoMonth,
  addDays,
  addMonths,
  addMonthsToMonth,
  addYears,
  ageOn,
  monthOf,
  monthsBetween,
} from '@lianjian/calendar';
import { monthlyDues } from './dues';
import { refuse } from './errors';
import {
  ENDED_STATUSES,
  type MeetingVote,
  type MemberCategory,
  type MemberProfile,
  type MembershipStatus,
  type ProtectedData,
  type Stage,
  type StageStep,
  isCountedMember,
  isVotingMember,
} from './model';
import { type MemberRules } from './rules';

// ---- events (the member stream's published contract; see libs/members/contracts) -------------------------------

export type DecisionKind = 'Admission' | 'FullMembership';
export type ReductionKind = 'Reduction' | 'Waiver';
export type LapseDecision = 'Remove' | 'Keep';
export type RegistrationSource = 'Registration' | 'Import';

/** The dates of the pipeline a member has passed; the last one given is the member's stage. */
export interface PipelineHistory {
  readonly appliedOn: IsoDate | null;
  readonly activistOn: IsoDate | null;
  readonly candidateOn: IsoDate | null;
  /** 入党: admitted as probationary member (the date of the branch meeting). */
  readonly joinedOn: IsoDate | null;
  readonly fullMembershipOn: IsoDate | null;
}

export type MemberEvent =
  | {
      type: 'MemberRegistered';
      data: {
        memberId: string;
        organizationId: string;
        profile: MemberProfile;
        protectedData: ProtectedData;
        stage: Stage;
        stageHistory: StageStep[];
        probationEndsOn: IsoDate | null;
        status: MembershipStatus;
        registeredOn: IsoDate;
        source: RegistrationSource;
      };
    }
  | { type: 'ActivistDesignated'; data: { memberId: string; organizationId: string; on: IsoDate } }
  | {
      type: 'DevelopmentCandidateDesignated';
      data: { memberId: string; organizationId: string; on: IsoDate; sponsorIds: string[] };
    }
  | {
      type: 'AdmissionResolved';
      data: { memberId: string; organizationId: string; vote: MeetingVote; approvalDueOn: IsoDate };
    }
  | {
      type: 'AdmissionApproved';
      data: {
        memberId: string;
        organizationId: string;
        approvedOn: IsoDate;
        approverOrganizationId: string;
        joinedOn: IsoDate;
        probationEndsOn: IsoDate;
      };
    }
  | {
      type: 'ProbationExtended';
      data: { memberId: string; organizationId: string; on: IsoDate; months: number; probationEndsOn: IsoDate };
    }
  | {
      type: 'FullMembershipResolved';
      data: { memberId: string; organizationId: string; vote: MeetingVote; approvalDueOn: IsoDate };
    }
  | {
      type: 'FullMembershipApproved';
      data: {
        memberId: string;
        organizationId: string;
        approvedOn: IsoDate;
        approverOrganizationId: string;
        fullMembershipOn: IsoDate;
      };
    }
  | { type: 'ProbationCancelled'; data: { memberId: string; organizationId: string; on: IsoDate; reason: string } }
  | {
      type: 'MembershipStatusChanged';
      data: {
        memberId: string;
        organizationId: string;
        status: MembershipStatus;
        previousStatus: MembershipStatus;
        on: IsoDate;
        reason: string;
      };
    }
  | {
      type: 'DuesBaseDeclared';
      data: {
        memberId: string;
        organizationId: string;
        category: MemberCategory;
        monthlyIncome: number | null;
        effectiveFrom: IsoMonth;
      };
    }
  | {
      type: 'DuesBilled';
      data: {
        memberId: string;
        organizationId: string;
        month: IsoMonth;
        amount: number;
        standardAmount: number;
        reductionId: string | null;
      };
    }
  | {
      type: 'DuesPaid';
      data: {
        memberId: string;
        organizationId: string;
        paymentId: string;
        months: IsoMonth[];
        amount: number;
        paidOn: IsoDate;
        paidBy: string | null;
        onBehalf: boolean;
      };
    }
  | {
      type: 'DuesReductionRequested';
      data: {
        memberId: string;
        organizationId: string;
        reductionId: string;
        kind: ReductionKind;
        fromMonth: IsoMonth;
        toMonth: IsoMonth;
        monthlyAmount: number;
        reason: string;
        requestedOn: IsoDate;
      };
    }
  | {
      type: 'DuesReductionDecided';
      data: {
        memberId: string;
        organizationId: string;
        reductionId: string;
        level: 'Branch' | 'Superior';
        approved: boolean;
        decidedOn: IsoDate;
        deciderOrganizationId: string;
        reason: string | null;
      };
    }
  | { type: 'ContactLost'; data: { memberId: string; organizationId: string; since: IsoDate } }
  | { type: 'ContactRestored'; data: { memberId: string; organizationId: string; on: IsoDate } }
  | {
      type: 'LapseDecisionRecorded';
      data: {
        memberId: string;
        organizationId: string;
        decision: LapseDecision;
        reasons: string[];
        branchDecidedOn: IsoDate;
        approvedOn: IsoDate;
        approverOrganizationId: string;
      };
    }
  | {
      type: 'PersonalDataErased';
      data: { memberId: string; organizationId: string; erasedOn: IsoDate; reason: string };
    }
  /** A derived fact, published for other services: whether the member counts in their organization (`isCounted`). */
  | { type: 'MemberCountChanged'; data: { memberId: string; organizationId: string; counted: boolean } };

export type MemberEventType = MemberEvent['type'];

// ---- state ------------------------------------------------------------------------------------------------------

export interface PendingDecision {
  readonly kind: DecisionKind;
  readonly vote: MeetingVote;
  readonly approvalDueOn: IsoDate;
}

export interface DuesBill {
  readonly month: IsoMonth;
  readonly amount: number;
  readonly standardAmount: number;
  readonly reductionId: string | null;
  readonly paidOn: IsoDate | null;
  readonly paymentId: string | null;
}

export interface DuesReduction {
  readonly id: string;
  readonly kind: ReductionKind;
  readonly fromMonth: IsoMonth;
  readonly toMonth: IsoMonth;
  readonly monthlyAmount: number;
  readonly reason: string;
  readonly requestedOn: IsoDate;
  /** Requested → BranchApproved → Approved; or Rejected at either level. */
  readonly state: 'Requested' | 'BranchApproved' | 'Approved' | 'Rejected';
}

export interface StatusStep {
  readonly status: MembershipStatus;
  readonly since: IsoDate;
  readonly reason: string;
}

export interface Member {
  readonly id: string;
  readonly organizationId: string;
  readonly profile: MemberProfile;
  /** Null once the personal data was erased. */
  readonly protectedData: ProtectedData | null;
  readonly personalDataErasedOn: IsoDate | null;
  readonly registeredOn: IsoDate;
  readonly stage: Stage;
  readonly stageHistory: readonly StageStep[];
  readonly sponsorIds: readonly string[];
  readonly joinedOn: IsoDate | null;
  readonly probationEndsOn: IsoDate | null;
  readonly probationExtended: boolean;
  readonly probationCancelled: boolean;
  readonly fullMembershipOn: IsoDate | null;
  readonly pendingDecision: PendingDecision | null;
  readonly status: MembershipStatus;
  readonly statusHistory: readonly StatusStep[];
  readonly lostContactSince: IsoDate | null;
  readonly duesCategory: MemberCategory;
  readonly monthlyIncome: number | null;
  readonly bills: readonly DuesBill[];
  readonly reductions: readonly DuesReduction[];
  readonly lapseDecisions: ReadonlyArray<{ decision: LapseDecision; approvedOn: IsoDate }>;
}

export type MemberState = Member | null;

export const sinceOf = (m: Pick<Member, 'stageHistory'>, stage: Stage): IsoDate | null =>
  m.stageHistory.find((s) => s.stage === stage)?.since ?? null;
export const isCounted = (m: Member): boolean => isCountedMember(m.stage, m.status, m.probationCancelled);
/** The membership status a member had on a date, read from the dated status history (null before its first step). */
export function statusOn(m: Pick<Member, 'statusHistory'>, date: IsoDate): MembershipStatus | null {
  let status: MembershipStatus | null = null;
  for (const step of m.statusHistory) if (step.since <= date) status = step.status;
  return status;
}
/**
 * A voting member of the branch on a date (a members' meeting's quorum and majority count them): a full member by
 * that date and in good standing on it — a member suspended since, or who died after the meeting, still counted then.
 */
export function isVotingOn(m: Member, date: IsoDate): boolean {
  if (m.fullMembershipOn === null || m.fullMembershipOn > date || m.probationCancelled) return false;
  const status = statusOn(m, date);
  return status !== null && isVotingMember('FullMember', status);
}
/** Billed every month: counted members whose membership is not suspended. */
export const isBillable = (m: Member): boolean => isCounted(m) && m.status !== 'Suspended';

export function evolveMember(state: MemberState, event: MemberEvent): MemberState {
  if (event.type === 'MemberRegistered') {
    const d = event.data;
    return {
      id: d.memberId,
      organizationId: d.organizationId,
      profile: d.profile,
      protectedData: d.protectedData,
      personalDataErasedOn: null,
      registeredOn: d.registeredOn,
      stage: d.stage,
      stageHistory: d.stageHistory,
      sponsorIds: [],
      joinedOn: d.stageHistory.find((s) => s.stage === 'ProbationaryMember')?.since ?? null,
      probationEndsOn: d.probationEndsOn,
      probationExtended: false,
      probationCancelled: false,
      fullMembershipOn: d.stageHistory.find((s) => s.stage === 'FullMember')?.since ?? null,
      pendingDecision: null,
      status: d.status,
      // standing since joining (or applying); a registration only records it
      statusHistory: [
        {
          status: d.status,
          since:
            d.stageHistory.find((s) => s.stage === 'ProbationaryMember')?.since ??
            d.stageHistory[0]?.since ??
            d.registeredOn,
          reason: d.source === 'Import' ? 'imported' : 'registered',
        },
      ],
      lostContactSince: null,
      duesCategory: d.profile.category,
      monthlyIncome: null,
      bills: [],
      reductions: [],
      lapseDecisions: [],
    };
  }
  if (!state) return state;
  switch (event.type) {
    case 'ActivistDesignated':
      return {
        ...state,
        stage: 'Activist',
        stageHistory: [...state.stageHistory, { stage: 'Activist', since: event.data.on }],
      };
    case 'DevelopmentCandidateDesignated':
      return {
        ...state,
        stage: 'DevelopmentCandidate',
        sponsorIds: event.data.sponsorIds,
        stageHistory: [...state.stageHistory, { stage: 'DevelopmentCandidate', since: event.data.on }],
      };
    case 'AdmissionResolved':
      return {
        ...state,
        pendingDecision: { kind: 'Admission', vote: event.data.vote, approvalDueOn: event.data.approvalDueOn },
      };
    case 'FullMembershipResolved':
      return {
        ...state,
        pendingDecision: { kind: 'FullMembership', vote: event.data.vote, approvalDueOn: event.data.approvalDueOn },
      };
    case 'AdmissionApproved':
      return {
        ...state,
        stage: 'ProbationaryMember',
        pendingDecision: null,
        joinedOn: event.data.joinedOn,
        probationEndsOn: event.data.probationEndsOn,
        stageHistory: [...state.stageHistory, { stage: 'ProbationaryMember', since: event.data.joinedOn }],
      };
    case 'ProbationExtended':
      return { ...state, probationExtended: true, probationEndsOn: event.data.probationEndsOn };
    case 'FullMembershipApproved':
      return {
        ...state,
        stage: 'FullMember',
        pendingDecision: null,
        fullMembershipOn: event.data.fullMembershipOn,
        stageHistory: [...state.stageHistory, { stage: 'FullMember', since: event.data.fullMembershipOn }],
      };
    case 'ProbationCancelled':
      return { ...state, probationCancelled: true, pendingDecision: null };
    case 'MembershipStatusChanged':
      return {
        ...state,
        status: event.data.status,
        statusHistory: [
          ...state.statusHistory,
          { status: event.data.status, since: event.data.on, reason: event.data.reason },
        ],
        lostContactSince: event.data.status === 'Restored' ? null : state.lostContactSince,
      };
    case 'DuesBaseDeclared':
      return { ...state, duesCategory: event.data.category, monthlyIncome: event.data.monthlyIncome };
    case 'DuesBilled': {
      const b = event.data;
      const bill: DuesBill = {
        month: b.month,
        amount: b.amount,
        standardAmount: b.standardAmount,
        reductionId: b.reductionId,
        paidOn: null,
        paymentId: null,
      };
      return { ...state, bills: [...state.bills, bill].sort((x, y) => x.month.localeCompare(y.month)) };
    }
    case 'DuesPaid': {
      const p = event.data;
      return {
        ...state,
        bills: state.bills.map((b) =>
          p.months.includes(b.month) ? { ...b, paidOn: p.paidOn, paymentId: p.paymentId } : b,
        ),
      };
    }
    case 'DuesReductionRequested': {
      const r = event.data;
      return {
        ...state,
        reductions: [
          ...state.reductions,
          {
            id: r.reductionId,
            kind: r.kind,
            fromMonth: r.fromMonth,
            toMonth: r.toMonth,
            monthlyAmount: r.monthlyAmount,
            reason: r.reason,
            requestedOn: r.requestedOn,
            state: 'Requested',
          },
        ],
      };
    }
    case 'DuesReductionDecided': {
      const r = event.data;
      const next: DuesReduction['state'] = !r.approved
        ? 'Rejected'
        : r.level === 'Branch'
          ? 'BranchApproved'
          : 'Approved';
      return {
        ...state,
        reductions: state.reductions.map((x) => (x.id === r.reductionId ? { ...x, state: next } : x)),
      };
    }
    case 'ContactLost':
      return { ...state, lostContactSince: event.data.since };
    case 'ContactRestored':
      return { ...state, lostContactSince: null };
    case 'LapseDecisionRecorded':
      return {
        ...state,
        lapseDecisions: [...state.lapseDecisions, { decision: event.data.decision, approvedOn: event.data.approvedOn }],
      };
    case 'PersonalDataErased':
      return { ...state, protectedData: null, personalDataErasedOn: event.data.erasedOn };
    case 'MemberCountChanged':
      return state; // derived from the state, for other services
  }
}

// ---- commands ---------------------------------------------------------------------------------------------------

interface Dated {
  readonly today: IsoDate;
  readonly rules: MemberRules;
}

/** What the application knows about another member (a sponsor). */
export interface MemberFact {
  readonly memberId: string;
  readonly stage: Stage;
  readonly status: MembershipStatus;
  readonly probationCancelled: boolean;
}

export type MemberCommand =
  | ({
      kind: 'RegisterMember';
      memberId: string;
      organizationId: string;
      profile: MemberProfile;
      protectedData: ProtectedData;
      history: PipelineHistory;
      status: MembershipStatus;
      source: RegistrationSource;
      monthlyIncome: number | null;
    } & Dated)
  | ({ kind: 'DesignateActivist'; on: IsoDate } & Dated)
  | ({ kind: 'DesignateDevelopmentCandidate'; on: IsoDate; sponsors: readonly MemberFact[] } & Dated)
  | ({ kind: 'ResolveAdmission'; vote: MeetingVote } & Dated)
  | ({ kind: 'ApproveAdmission'; approvedOn: IsoDate; approverOrganizationId: string } & Dated)
  | ({ kind: 'ExtendProbation'; on: IsoDate; months: number } & Dated)
  | ({ kind: 'ResolveFullMembership'; vote: MeetingVote } & Dated)
  | ({ kind: 'ApproveFullMembership'; approvedOn: IsoDate; approverOrganizationId: string } & Dated)
  | ({ kind: 'CancelProbation'; on: IsoDate; reason: string } & Dated)
  | ({ kind: 'ChangeMembershipStatus'; status: MembershipStatus; on: IsoDate; reason: string } & Dated)
  | ({
      kind: 'DeclareDuesBase';
      category: MemberCategory;
      monthlyIncome: number | null;
      effectiveFrom: IsoMonth;
    } & Dated)
  | ({ kind: 'BillDues'; month: IsoMonth } & Dated)
  | ({
      kind: 'PayDues';
      paymentId: string;
      months: readonly IsoMonth[];
      amount: number;
      paidOn: IsoDate;
      paidBy: string | null;
      onBehalf: boolean;
    } & Dated)
  | ({
      kind: 'RequestDuesReduction';
      reductionId: string;
      reductionKind: ReductionKind;
      fromMonth: IsoMonth;
      toMonth: IsoMonth;
      monthlyAmount: number | null;
      reason: string;
      requestedOn: IsoDate;
    } & Dated)
  | ({
      kind: 'DecideDuesReduction';
      reductionId: string;
      level: 'Branch' | 'Superior';
      approved: boolean;
      decidedOn: IsoDate;
      deciderOrganizationId: string;
      reason: string | null;
    } & Dated)
  | ({ kind: 'RecordLostContact'; since: IsoDate } & Dated)
  | ({ kind: 'RecordContactRestored'; on: IsoDate } & Dated)
  | ({
      kind: 'RecordLapseDecision';
      decision: LapseDecision;
      reasons: readonly string[];
      branchDecidedOn: IsoDate;
      approvedOn: IsoDate;
      approverOrganizationId: string;
    } & Dated)
  | ({ kind: 'ErasePersonalData'; on: IsoDate; reason: string } & Dated);

const STATUS_TRANSITIONS: Readonly<Record<MembershipStatus, readonly MembershipStatus[]>> = {
  Normal: ['Retained', 'Suspended', 'Expelled', 'Withdrawn', 'Deceased', 'TransferredOut'],
  Restored: ['Retained', 'Suspended', 'Expelled', 'Withdrawn', 'Deceased', 'TransferredOut'],
  Retained: ['Restored', 'Expelled', 'Withdrawn', 'Deceased'],
  Suspended: ['Restored', 'Expelled', 'Withdrawn', 'Deceased'],
  Expelled: [],
  Withdrawn: [],
  Deceased: [],
  TransferredOut: [],
};

/**
 * Decides a command on a member, and adds the facts other services need derived from its events: whether the member
 * is counted in their organization's membership (`isCounted`), with the registration and whenever the events change
 * it (`MemberCountChanged`). Consumers read the rule's result instead of re-implementing the rule (ADR 0016).
 */
export function decideMember(command: MemberCommand, state: MemberState): MemberEvent[] {
  const events = decideMemberEvents(command, state);
  const next = events.reduce<MemberState>((s, e) => evolveMember(s, e), state);
  if (events.length === 0 || !next) return events;
  const counted = isCounted(next);
  if (state && isCounted(state) === counted) return events;
  return [
    ...events,
    { type: 'MemberCountChanged', data: { memberId: next.id, organizationId: next.organizationId, counted } },
  ];
}

function decideMemberEvents(command: MemberCommand, state: MemberState): MemberEvent[] {
  if (command.kind === 'RegisterMember') return register(command, state);
  if (!state) return refuse('MEMBER_NOT_FOUND', 'no such member', 'memberId');
  const m = state;
  const ids = { memberId: m.id, organizationId: m.organizationId };
  if (command.kind === 'ErasePersonalData') {
    if (!m.protectedData)
      refuse('PERSONAL_DATA_ERASED', `the personal data was erased on ${m.personalDataErasedOn}`, 'memberId');
    return [
      {
        type: 'PersonalDataErased',
        data: { ...ids, erasedOn: notFuture(command.on, command.today, 'on'), reason: command.reason },
      },
    ];
  }
  if (command.kind === 'BillDues' && !isBillable(m)) return []; // nobody is billed after their membership ended
  if (ENDED_STATUSES.includes(m.status) || m.probationCancelled) {
    refuse(
      'MEMBERSHIP_ENDED',
      m.probationCancelled ? 'the probation was cancelled' : `the membership ended (${m.status})`,
      'memberId',
    );
  }
  switch (command.kind) {
    case 'DesignateActivist': {
      requireStage(m, 'Applicant');
      after(command.on, sinceOf(m, 'Applicant'), 'on', 'the application');
      return [{ type: 'ActivistDesignated', data: { ...ids, on: notFuture(command.on, command.today, 'on') } }];
    }
    case 'DesignateDevelopmentCandidate': {
      requireStage(m, 'Activist');
      const activistSince = sinceOf(m, 'Activist')!;
      notFuture(command.on, command.today, 'on');
      if (command.on < addMonths(activistSince, command.rules.minActivistMonths)) {
        refuse(
          'ACTIVIST_PERIOD_TOO_SHORT',
          `an activist since ${activistSince} can become a development candidate from ${addMonths(activistSince, command.rules.minActivistMonths)} (${command.rules.minActivistMonths} months)`,
          'on',
        );
      }
      const sponsorIds = [...new Set(command.sponsors.map((s) => s.memberId))];
      if (
        sponsorIds.length !== command.rules.sponsorsRequired ||
        command.sponsors.length !== command.rules.sponsorsRequired
      ) {
        refuse('SPONSORS_INVALID', `${command.rules.sponsorsRequired} different sponsors are required`, 'sponsorIds');
      }
      if (sponsorIds.includes(m.id)) refuse('SPONSORS_INVALID', 'a candidate cannot sponsor themself', 'sponsorIds');
      const notFull = command.sponsors.find((s) => !isVotingMember(s.stage, s.status) || s.probationCancelled);
      if (notFull)
        refuse(
          'SPONSORS_INVALID',
          `sponsor ${notFull.memberId} is not a full member in good standing (${notFull.stage}, ${notFull.status})`,
          'sponsorIds',
        );
      return [{ type: 'DevelopmentCandidateDesignated', data: { ...ids, on: command.on, sponsorIds } }];
    }
    case 'ResolveAdmission': {
      requireStage(m, 'DevelopmentCandidate');
      if (m.pendingDecision)
        refuse('DECISION_ALREADY_PENDING', 'the branch already decided; the superior approval is pending', 'vote');
      checkVote(command.vote, command.rules, command.today, sinceOf(m, 'DevelopmentCandidate'));
      return [
        {
          type: 'AdmissionResolved',
          data: {
            ...ids,
            vote: command.vote,
            approvalDueOn: addDays(command.vote.heldOn, command.rules.approvalDeadlineDays),
          },
        },
      ];
    }
    case 'ApproveAdmission': {
      const pending = requirePending(m, 'Admission');
      after(command.approvedOn, pending.vote.heldOn, 'approvedOn', "the branch meeting's decision");
      notFuture(command.approvedOn, command.today, 'approvedOn');
      // probation runs one year from the branch meeting that admitted the member
      const joinedOn = pending.vote.heldOn;
      return [
        {
          type: 'AdmissionApproved',
          data: {
            ...ids,
            approvedOn: command.approvedOn,
            approverOrganizationId: command.approverOrganizationId,
            joinedOn,
            probationEndsOn: addMonths(joinedOn, command.rules.probationMonths),
          },
        },
      ];
    }
    case 'ExtendProbation': {
      requireStage(m, 'ProbationaryMember');
      if (m.probationExtended) refuse('PROBATION_ALREADY_EXTENDED', 'a probation is extended once at most', 'months');
      if (
        !Number.isInteger(command.months) ||
        command.months < command.rules.extensionMinMonths ||
        command.months > command.rules.extensionMaxMonths
      ) {
        refuse(
          'EXTENSION_OUT_OF_RANGE',
          `an extension is ${command.rules.extensionMinMonths}–${command.rules.extensionMaxMonths} months`,
          'months',
        );
      }
      notFuture(command.on, command.today, 'on');
      return [
        {
          type: 'ProbationExtended',
          data: {
            ...ids,
            on: command.on,
            months: command.months,
            probationEndsOn: addMonths(m.probationEndsOn!, command.months),
          },
        },
      ];
    }
    case 'ResolveFullMembership': {
      requireStage(m, 'ProbationaryMember');
      if (m.pendingDecision)
        refuse('DECISION_ALREADY_PENDING', 'the branch already decided; the superior approval is pending', 'vote');
      if (command.vote.heldOn < m.probationEndsOn!) {
        refuse(
          'PROBATION_NOT_ENDED',
          `the probation ends on ${m.probationEndsOn}; full membership is decided after it`,
          'vote.heldOn',
        );
      }
      checkVote(command.vote, command.rules, command.today, m.joinedOn);
      return [
        {
          type: 'FullMembershipResolved',
          data: {
            ...ids,
            vote: command.vote,
            approvalDueOn: addDays(command.vote.heldOn, command.rules.approvalDeadlineDays),
          },
        },
      ];
    }
    case 'ApproveFullMembership': {
      requirePending(m, 'FullMembership');
      after(command.approvedOn, m.pendingDecision!.vote.heldOn, 'approvedOn', "the branch meeting's decision");
      notFuture(command.approvedOn, command.today, 'approvedOn');
      // 转正: full membership counts from the day the probation ended
      return [
        {
          type: 'FullMembershipApproved',
          data: {
            ...ids,
            approvedOn: command.approvedOn,
            approverOrganizationId: command.approverOrganizationId,
            fullMembershipOn: m.probationEndsOn!,
          },
        },
      ];
    }
    case 'CancelProbation': {
      requireStage(m, 'ProbationaryMember');
      after(command.on, m.joinedOn, 'on', 'the admission');
      return [
        {
          type: 'ProbationCancelled',
          data: { ...ids, on: notFuture(command.on, command.today, 'on'), reason: command.reason },
        },
      ];
    }
    case 'ChangeMembershipStatus': {
      const { status, on, rules } = command;
      if (status === m.status) refuse('NOTHING_CHANGES', `the membership is already ${status}`, 'status');
      if (!STATUS_TRANSITIONS[m.status].includes(status))
        refuse('STATUS_TRANSITION_NOT_ALLOWED', `a ${m.status} membership can't become ${status}`, 'status');
      notFuture(on, command.today, 'on');
      const since = m.statusHistory[m.statusHistory.length - 1]!.since;
      after(on, since, 'on', `the current status (${m.status})`);
      if (status === 'Suspended') {
        if (!m.lostContactSince)
          refuse(
            'LOST_CONTACT_TOO_SHORT',
            'a membership is suspended (停止党籍) only after lost contact is recorded',
            'status',
          );
        if (monthsBetween(monthOf(m.lostContactSince), monthOf(on)) < rules.lostContactMonths) {
          refuse(
            'LOST_CONTACT_TOO_SHORT',
            `contact was lost on ${m.lostContactSince}; suspension needs ${rules.lostContactMonths} months`,
            'on',
          );
        }
      }
      if (status === 'Restored' && m.status === 'Suspended' && on > addYears(since, rules.restorationYears)) {
        refuse(
          'RESTORATION_WINDOW_PASSED',
          `a membership suspended on ${since} can be restored until ${addYears(since, rules.restorationYears)}`,
          'on',
        );
      }
      return [
        {
          type: 'MembershipStatusChanged',
          data: { ...ids, status, previousStatus: m.status, on, reason: command.reason },
        },
      ];
    }
    case 'DeclareDuesBase': {
      // validates the income against the scheme now rather than at the next bill
      monthlyDues(command.category, command.monthlyIncome, command.rules);
      if (command.category === m.duesCategory && command.monthlyIncome === m.monthlyIncome)
        refuse('NOTHING_CHANGES', 'the dues base is unchanged', 'monthlyIncome');
      return [
        {
          type: 'DuesBaseDeclared',
          data: {
            ...ids,
            category: command.category,
            monthlyIncome: command.monthlyIncome,
            effectiveFrom: command.effectiveFrom,
          },
        },
      ];
    }
    case 'BillDues': {
      if (m.bills.some((b) => b.month === command.month)) return []; // billing a month twice has one effect
      if (!isBillable(m) || (m.joinedOn !== null && monthOf(m.joinedOn) > command.month)) return [];
      if (command.month > monthOf(command.today)) refuse('DATE_IN_FUTURE', `${command.month} has not begun`, 'month');
      const standardAmount = monthlyDues(m.duesCategory, m.monthlyIncome, command.rules);
      const reduction =
        m.reductions.find(
          (r) => r.state === 'Approved' && r.fromMonth <= command.month && command.month <= r.toMonth,
        ) ?? null;
      const amount = reduction
        ? reduction.kind === 'Waiver'
          ? 0
          : Math.min(reduction.monthlyAmount, standardAmount)
        : standardAmount;
      const events: MemberEvent[] = [
        {
          type: 'DuesBilled',
          data: { ...ids, month: command.month, amount, standardAmount, reductionId: reduction?.id ?? null },
        },
      ];
      if (amount === 0)
        events.push({
          type: 'DuesPaid',
          data: {
            ...ids,
            paymentId: `waived-${command.month}`,
            months: [command.month],
            amount: 0,
            paidOn: command.today,
            paidBy: null,
            onBehalf: false,
          },
        });
      return events;
    }
    case 'PayDues': {
      const months = [...new Set(command.months)].sort();
      if (months.length === 0) refuse('DUES_NOT_BILLED', 'name the months paid for', 'months');
      notFuture(command.paidOn, command.today, 'paidOn');
      const bills = months.map(
        (month) =>
          m.bills.find((b) => b.month === month) ?? refuse('DUES_NOT_BILLED', `no bill for ${month}`, 'months'),
      );
      const paid = bills.find((b) => b.paidOn);
      if (paid) refuse('DUES_ALREADY_PAID', `${paid.month} was paid on ${paid.paidOn}`, 'months');
      const oldest = addMonthsToMonth(monthOf(command.paidOn), -command.rules.backPaymentMaxMonths);
      const tooOld = months.find((month) => month < oldest);
      if (tooOld)
        refuse(
          'DUES_BACK_PAYMENT_LIMIT',
          `back payment covers at most ${command.rules.backPaymentMaxMonths} months: ${tooOld} is older than ${oldest}`,
          'months',
        );
      const due = Math.round(bills.reduce((s, b) => s + b.amount, 0) * 100) / 100;
      if (Math.abs(due - command.amount) > 0.001)
        refuse('DUES_AMOUNT_MISMATCH', `the bills of these months total ${due.toFixed(2)} yuan`, 'amount');
      return [
        {
          type: 'DuesPaid',
          data: {
            ...ids,
            paymentId: command.paymentId,
            months,
            amount: due,
            paidOn: command.paidOn,
            paidBy: command.paidBy,
            onBehalf: command.onBehalf,
          },
        },
      ];
    }
    case 'RequestDuesReduction': {
      if (command.fromMonth > command.toMonth)
        refuse('REDUCTION_INVALID', 'the reduction ends before it begins', 'toMonth');
      if (command.reductionKind === 'Reduction' && (command.monthlyAmount === null || command.monthlyAmount < 0)) {
        refuse('REDUCTION_INVALID', 'a reduction names the reduced monthly amount', 'monthlyAmount');
      }
      if (m.reductions.some((r) => r.id === command.reductionId)) return [];
      return [
        {
          type: 'DuesReductionRequested',
          data: {
            ...ids,
            reductionId: command.reductionId,
            kind: command.reductionKind,
            fromMonth: command.fromMonth,
            toMonth: command.toMonth,
            monthlyAmount: command.reductionKind === 'Waiver' ? 0 : command.monthlyAmount!,
            reason: command.reason,
            requestedOn: notFuture(command.requestedOn, command.today, 'requestedOn'),
          },
        },
      ];
    }
    case 'DecideDuesReduction': {
      const reduction =
        m.reductions.find((r) => r.id === command.reductionId) ??
        refuse('REDUCTION_NOT_FOUND', `no reduction ${command.reductionId}`, 'reductionId');
      const expected = command.level === 'Branch' ? 'Requested' : 'BranchApproved';
      if (reduction.state !== expected) {
        refuse(
          'REDUCTION_NOT_PENDING',
          command.level === 'Branch'
            ? `the reduction is ${reduction.state}, not awaiting the branch`
            : `the reduction is ${reduction.state}: the branch decides before the superior approves`,
          'reductionId',
        );
      }
      after(command.decidedOn, reduction.requestedOn, 'decidedOn', 'the application');
      return [
        {
          type: 'DuesReductionDecided',
          data: {
            ...ids,
            reductionId: reduction.id,
            level: command.level,
            approved: command.approved,
            decidedOn: notFuture(command.decidedOn, command.today, 'decidedOn'),
            deciderOrganizationId: command.deciderOrganizationId,
            reason: command.reason,
          },
        },
      ];
    }
    case 'RecordLostContact': {
      if (m.lostContactSince) refuse('NOTHING_CHANGES', `contact was already lost on ${m.lostContactSince}`, 'since');
      return [{ type: 'ContactLost', data: { ...ids, since: notFuture(command.since, command.today, 'since') } }];
    }
    case 'RecordContactRestored': {
      if (!m.lostContactSince) refuse('NOTHING_CHANGES', 'no lost contact is recorded', 'on');
      after(command.on, m.lostContactSince, 'on', 'the lost contact');
      return [{ type: 'ContactRestored', data: { ...ids, on: notFuture(command.on, command.today, 'on') } }];
    }
    case 'RecordLapseDecision': {
      if (command.decision === 'Remove' && command.reasons.length === 0) {
        refuse(
          'NOT_A_LAPSE_CANDIDATE',
          'the member meets none of the lapse rules (organizational life, dues) today',
          'decision',
        );
      }
      after(command.approvedOn, command.branchDecidedOn, 'approvedOn', "the branch's decision");
      notFuture(command.approvedOn, command.today, 'approvedOn');
      const events: MemberEvent[] = [
        {
          type: 'LapseDecisionRecorded',
          data: {
            ...ids,
            decision: command.decision,
            reasons: [...command.reasons],
            branchDecidedOn: command.branchDecidedOn,
            approvedOn: command.approvedOn,
            approverOrganizationId: command.approverOrganizationId,
          },
        },
      ];
      if (command.decision === 'Remove') {
        events.push({
          type: 'MembershipStatusChanged',
          data: {
            ...ids,
            status: 'Withdrawn',
            previousStatus: m.status,
            on: command.approvedOn,
            reason: `自行脱党: ${command.reasons.join('; ')}`,
          },
        });
      }
      return events;
    }
  }
}

function register(command: Extract<MemberCommand, { kind: 'RegisterMember' }>, state: MemberState): MemberEvent[] {
  if (state) refuse('MEMBER_ALREADY_EXISTS', `member ${command.memberId} already exists`, 'memberId');
  const h = command.history;
  const steps: StageStep[] = [];
  const order: Array<[Stage, IsoDate | null, string]> = [
    ['Applicant', h.appliedOn, 'appliedOn'],
    ['Activist', h.activistOn, 'activistOn'],
    ['DevelopmentCandidate', h.candidateOn, 'candidateOn'],
    ['ProbationaryMember', h.joinedOn, 'joinedOn'],
    ['FullMember', h.fullMembershipOn, 'fullMembershipOn'],
  ];
  for (const [stage, since, field] of order) {
    if (!since) continue;
    notFuture(since, command.today, field);
    const previous = steps[steps.length - 1];
    if (previous && since < previous.since)
      refuse(
        'DATE_OUT_OF_ORDER',
        `${field} (${since}) is before the ${previous.stage} stage (${previous.since})`,
        field,
      );
    steps.push({ stage, since });
  }
  const last =
    steps[steps.length - 1] ?? refuse('STAGE_NOT_ALLOWED', 'give at least the application date', 'appliedOn');
  if (last.stage === 'ProbationaryMember' && steps.some((s) => s.stage === 'FullMember'))
    refuse('DATE_OUT_OF_ORDER', 'full membership follows probation', 'fullMembershipOn');
  const firstDate = steps[0]!.since;
  const age = ageOn(command.profile.birthDate, firstDate);
  if (age < command.rules.minApplicantAge) {
    refuse(
      'APPLICANT_TOO_YOUNG',
      `an applicant must be at least ${command.rules.minApplicantAge} years old; on ${firstDate} the person was ${age}`,
      steps[0]!.stage === 'Applicant' ? 'appliedOn' : 'joinedOn',
    );
  }
  if (command.monthlyIncome !== null) monthlyDues(command.profile.category, command.monthlyIncome, command.rules);
  const probationEndsOn =
    last.stage === 'ProbationaryMember' ? addMonths(last.since, command.rules.probationMonths) : null;
  const events: MemberEvent[] = [
    {
      type: 'MemberRegistered',
      data: {
        memberId: command.memberId,
        organizationId: command.organizationId,
        profile: command.profile,
        protectedData: command.protectedData,
        stage: last.stage,
        stageHistory: steps,
        probationEndsOn,
        status: command.status,
        registeredOn: command.today,
        source: command.source,
      },
    },
  ];
  if (command.monthlyIncome !== null) {
    events.push({
      type: 'DuesBaseDeclared',
      data: {
        memberId: command.memberId,
        organizationId: command.organizationId,
        category: command.profile.category,
        monthlyIncome: command.monthlyIncome,
        effectiveFrom: monthOf(command.today),
      },
    });
  }
  return events;
}

function requireStage(m: Member, stage: Stage): void {
  if (m.stage !== stage)
    refuse(
      'STAGE_NOT_ALLOWED',
      `this step needs a member at the ${stage} stage; the member is at ${m.stage}`,
      'memberId',
    );
}

function requirePending(m: Member, kind: DecisionKind): PendingDecision {
  if (!m.pendingDecision || m.pendingDecision.kind !== kind) {
    return refuse(
      'NO_PENDING_DECISION',
      `no branch decision on ${kind === 'Admission' ? 'admission' : 'full membership'} awaits approval`,
      'memberId',
    );
  }
  return m.pendingDecision;
}

/**
 * A branch members' meeting decides validly when more than `quorumShare` of the voting members attend and more
 * than `approvalShare` of the voting members (not only of those present) vote yes.
 */
export function checkVote(vote: MeetingVote, rules: MemberRules, today: IsoDate, notBefore: IsoDate | null): void {
  notFuture(vote.heldOn, today, 'vote.heldOn');
  after(vote.heldOn, notBefore, 'vote.heldOn', 'the previous stage');
  if (
    vote.attending > vote.votingMembers ||
    vote.inFavour > vote.attending ||
    vote.attending < 0 ||
    vote.inFavour < 0
  ) {
    refuse(
      'VOTE_INCONSISTENT',
      `${vote.inFavour} in favour of ${vote.attending} attending is impossible with ${vote.votingMembers} voting members`,
      'vote',
    );
  }
  if (vote.attending <= vote.votingMembers * rules.quorumShare) {
    refuse(
      'QUORUM_NOT_MET',
      `${vote.attending} of ${vote.votingMembers} voting members attended; more than ${Math.floor(vote.votingMembers * rules.quorumShare)} must attend`,
      'vote.attending',
    );
  }
  if (vote.inFavour <= vote.votingMembers * rules.approvalShare) {
    refuse(
      'VOTE_NOT_PASSED',
      `${vote.inFavour} of ${vote.votingMembers} voting members voted yes; more than ${Math.floor(vote.votingMembers * rules.approvalShare)} must`,
      'vote.inFavour',
    );
  }
}

function notFuture(date: IsoDate, today: IsoDate, field: string): IsoDate {
  if (date > today) refuse('DATE_IN_FUTURE', `${field} (${date}) is after today (${today})`, field);
  return date;
}

function after(date: IsoDate, earliest: IsoDate | null, field: string, what: string): void {
  if (earliest && date < earliest)
    refuse('DATE_OUT_OF_ORDER', `${field} (${date}) is before ${what} (${earliest})`, field);
}
