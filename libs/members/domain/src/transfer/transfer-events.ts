import { type IsoDate, type IsoMonth } from '@lianjian/calendar';
import { type TransferScope } from './approval-path';

/** What the letter says (介绍信): its number, how long it is valid and the month dues are paid until. */
export interface TransferLetter {
  readonly letterNumber: string;
  readonly issuedOn: IsoDate;
  /** The last day the member may report to the receiving organization. */
  readonly validUntil: IsoDate;
  readonly duesPaidUntil: IsoMonth | null;
}

/**
 * Free-text reasons are sealed to the member's key before they reach the decider (ADR 0022): null once erased.
 *
 * The events of one transfer's stream (`transfer-<id>`). The member lands by `MemberTransferred` on their own stream. */
export type TransferEvent =
  | {
      type: 'TransferInitiated';
      data: {
        transferId: string;
        memberId: string;
        scope: TransferScope;
        /** null: from outside the city (the letter came from there). */
        fromOrganizationId: string | null;
        fromDistrict: string | null;
        /** null: out of the city. */
        toOrganizationId: string | null;
        toDistrict: string | null;
        /** The organization outside the city the member goes to or comes from, as the letter names it. */
        outsideOrganization: string | null;
        acrossProvinces: boolean;
        /** Sealed to the member's key (ADR 0022); null once their personal data is erased. */
        reason: string | null;
        letterNumber: string;
        validityMonths: number;
        duesPaidUntil: IsoMonth | null;
        /** Months billed and unpaid when it started (0 unless the rules let a transfer start with arrears). */
        arrearsMonths: number;
        expectedReportOn: IsoDate | null;
        /** The approvers, in order (approval-path.ts), fixed when the transfer starts. */
        approvalPath: string[];
        initiatedOn: IsoDate;
      };
    }
  | { type: 'TransferApproved'; data: { transferId: string; approverId: string; approvedOn: IsoDate } }
  | {
      type: 'TransferSentBack';
      data: { transferId: string; approverId: string; reason: string | null; sentBackOn: IsoDate };
    }
  | { type: 'TransferResubmitted'; data: { transferId: string; resubmittedOn: IsoDate } }
  | { type: 'TransferRevoked'; data: { transferId: string; reason: string | null; revokedOn: IsoDate } }
  | { type: 'TransferLetterIssued'; data: { transferId: string } & TransferLetter }
  | {
      type: 'TransferAccepted';
      data: { transferId: string; memberId: string; toOrganizationId: string | null; reportedOn: IsoDate };
    }
  | { type: 'TransferRejected'; data: { transferId: string; reason: string | null; rejectedOn: IsoDate } }
  | { type: 'TransferExpired'; data: { transferId: string; memberId: string; expiredOn: IsoDate } }
  | { type: 'TransferLetterRenewed'; data: { transferId: string } & TransferLetter };

export type TransferEventType = TransferEvent['type'];
