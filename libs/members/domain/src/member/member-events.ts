import { type IsoDate, type IsoMonth } from '@lianjian/calendar';
import {
  type MeetingVote,
  type MemberCategory,
  type MemberProfile,
  type MembershipStatus,
  type ProtectedData,
  type Stage,
  type StageStep,
} from '../model';
import { type TransferScope } from '../transfer/approval-path';

// The member stream's events: one stream, one published contract (see libs/members/contracts), whichever concern's
// decider (pipeline, status, dues, lapse, erasure) emits them.

export type DecisionKind = 'Admission' | 'FullMembership';
export type ReductionKind = 'Reduction' | 'Waiver';
export type LapseDecision = 'Remove' | 'Keep';
export type RegistrationSource = 'Registration' | 'Import';
/** Why a member's relationship moved: a transfer, or their organization moving (to a district, or merged). */
export const TRANSFER_CAUSES = ['Transfer', 'OrganizationMoved', 'OrganizationMerged'] as const;
export type TransferCause = (typeof TRANSFER_CAUSES)[number];

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
  | {
      type: 'ProbationCancelled';
      data: {
        memberId: string;
        organizationId: string;
        on: IsoDate;
        /** Sealed to the member's key (ciphertext); null once their personal data is erased, or recorded before v2. */
        reason: string | null;
      };
    }
  | {
      type: 'MembershipStatusChanged';
      data: {
        memberId: string;
        organizationId: string;
        status: MembershipStatus;
        previousStatus: MembershipStatus;
        on: IsoDate;
        /** Sealed to the member's key (ciphertext); null once their personal data is erased, or recorded before v2. */
        reason: string | null;
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
        /** Sealed to the member's key (ciphertext); null once their personal data is erased, or recorded before v2. */
        reason: string | null;
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
  /**
   * The member's organizational relationship moved (组织关系转接): by a transfer (its id), or with their organization
   * (a whole organization moved to another district: same branch, another district; a branch merged into another).
   */
  | {
      type: 'MemberTransferred';
      data: {
        memberId: string;
        /** The branch the member belongs to after the move (out of the city: the branch they left). */
        organizationId: string;
        transferId: string | null;
        cause: TransferCause;
        scope: TransferScope;
        /** null: from outside the city. */
        fromOrganizationId: string | null;
        fromDistrict: string | null;
        /** null: out of the city. */
        toOrganizationId: string | null;
        toDistrict: string | null;
        transferredOn: IsoDate;
        /** Whether the member counts in membership (a probationary or full member in standing): what moved. */
        counted: boolean;
      };
    }
  /** A derived fact, published for other services: whether the member counts in their organization (`isCounted`). */
  | { type: 'MemberCountChanged'; data: { memberId: string; organizationId: string; counted: boolean } };

export type MemberEventType = MemberEvent['type'];
