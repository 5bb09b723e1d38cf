import { type IsoDate, type IsoMonth } from '@lianjian/calendar';
import {
  type MeetingVote,
  type MemberCategory,
  type MemberProfile,
  type MembershipStatus,
  type ProtectedData,
  type Stage,
  type StageStep,
  isCountedMember,
  isVotingMember,
} from '../model';
import { type DecisionKind, type LapseDecision, type MemberEvent, type ReductionKind } from './member-events';

// The member's state, folded from the whole stream: every concern's decider reads it, and `evolveMember` is the one
// place an event changes it.

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
  /** Sealed to the member's key (see the event); null when not kept. */
  readonly reason: string | null;
  readonly requestedOn: IsoDate;
  /** Requested → BranchApproved → Approved; or Rejected at either level. */
  readonly state: 'Requested' | 'BranchApproved' | 'Approved' | 'Rejected';
}

export interface StatusStep {
  readonly status: MembershipStatus;
  readonly since: IsoDate;
  /** `registered` / `imported`, or a reason sealed to the member's key (null when not kept). */
  readonly reason: string | null;
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
  /** The transfers the member landed by (`MemberTransferred`), so a landing repeated after a crash lands once. */
  readonly transferIds: readonly string[];
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
      transferIds: [],
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
    case 'MemberTransferred': {
      const d = event.data;
      const transferIds = d.transferId ? [...(state.transferIds ?? []), d.transferId] : (state.transferIds ?? []);
      const status: MembershipStatus | null = !d.toOrganizationId
        ? 'TransferredOut' // out of the city: the relationship here ends, the member stays in history
        : !d.fromOrganizationId && state.status === 'TransferredOut'
          ? 'Normal' // back into the city: revived
          : null;
      return {
        ...state,
        organizationId: d.organizationId,
        transferIds,
        ...(status && {
          status,
          statusHistory: [...state.statusHistory, { status, since: d.transferredOn, reason: 'transfer' }],
        }),
      };
    }
    case 'MemberCountChanged':
      return state; // derived from the state, for other services
  }
}
