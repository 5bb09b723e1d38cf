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

// The member stream's events: one stream, one published contract (see libs/members/contracts), whichever concern's
// decider (pipeline, status, dues, lapse, erasure) emits them.

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
  /** A derived fact, published for other services: whether the member counts in their organization (`isCounted`). */
  | { type: 'MemberCountChanged'; data: { memberId: string; organizationId: string; counted: boolean } };

export type MemberEventType = MemberEvent['type'];
