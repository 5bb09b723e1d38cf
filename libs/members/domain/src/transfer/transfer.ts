import { type IsoDate, type IsoMonth, addDays, addMonths } from '@lianjian/calendar';
import { refuse } from '../errors';
import { type TransferScope, type TreePlace, approvalPath, transferScopeOf } from './approval-path';
import { type TransferEvent, type TransferLetter } from './transfer-events';
import { type TransferRules } from './rules';

/**
 * A transfer of a member's organizational relationship (组织关系转接), one stream per transfer: initiated by the
 * sending branch, approved along the path of the tree (or sent back), the letter issued, then the member reports to
 * the receiving branch (accepted: the member lands) or the receiver rejects; the sender may revoke until the first
 * approval; a letter whose validity passes expires (the member is an unreported transfer, "pocket member") and can
 * be renewed.
 */
export const TRANSFER_STATUSES = [
  'AwaitingApproval',
  'SentBack',
  'LetterIssued',
  'Landed',
  'Rejected',
  'Revoked',
  'Expired',
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export interface Transfer {
  readonly id: string;
  readonly memberId: string;
  readonly scope: TransferScope;
  readonly fromOrganizationId: string | null;
  readonly fromDistrict: string | null;
  readonly toOrganizationId: string | null;
  readonly toDistrict: string | null;
  readonly outsideOrganization: string | null;
  readonly acrossProvinces: boolean;
  readonly reason: string | null;
  readonly status: TransferStatus;
  readonly approvalPath: readonly string[];
  /** The approvers that approved, in order (a prefix of the path). */
  readonly approvedBy: readonly string[];
  readonly validityMonths: number;
  readonly letterNumber: string;
  readonly duesPaidUntil: IsoMonth | null;
  /** Months of dues unpaid when it started, shown with the transfer (0 when the rules settle arrears first). */
  readonly arrearsMonths: number;
  readonly expectedReportOn: IsoDate | null;
  readonly letter: TransferLetter | null;
  readonly initiatedOn: IsoDate;
  readonly closedOn: IsoDate | null;
  /** Why it was sent back, rejected or revoked (the last such reason). */
  readonly lastReason: string | null;
}

export type TransferState = Transfer | null;

/** What every transfer command carries: the day it is decided on, and the rules in force. */
interface Dated {
  readonly today: IsoDate;
  readonly rules: TransferRules;
}

export type TransferCommand = (
  | {
      kind: 'InitiateTransfer';
      transferId: string;
      memberId: string;
      /** Where the member's relationship is (null: the letter comes from outside the city). */
      from: (TreePlace & { readonly organizationId: string }) | null;
      /** The receiving organization (null: out of the city). */
      to:
        | (TreePlace & { readonly organizationId: string; readonly canHoldMembers: boolean; readonly active: boolean })
        | null;
      outsideOrganization: string | null;
      acrossProvinces: boolean;
      reason: string | null;
      letterNumber: string;
      validityMonths: number | null;
      duesPaidUntil: IsoMonth | null;
      /** Months of dues billed and unpaid when the transfer starts (from the member's dues). */
      arrearsMonths: number;
      expectedReportOn: IsoDate | null;
    }
  | { kind: 'ApproveTransfer'; approverId: string }
  | { kind: 'SendBackTransfer'; approverId: string; reason: string | null }
  | { kind: 'ResubmitTransfer' }
  | { kind: 'RevokeTransfer'; reason: string | null }
  | { kind: 'AcceptTransfer'; reportedOn: IsoDate }
  | { kind: 'RejectTransfer'; reason: string | null }
  | { kind: 'ExpireTransfer' }
  | { kind: 'RenewTransferLetter'; letterNumber: string; validityMonths: number | null }
) &
  Dated;

const letterFor = (
  t: Pick<Transfer, 'letterNumber' | 'validityMonths' | 'duesPaidUntil'>,
  issuedOn: IsoDate,
): TransferLetter => ({
  letterNumber: t.letterNumber,
  issuedOn,
  validUntil: addDays(addMonths(issuedOn, t.validityMonths), -1),
  duesPaidUntil: t.duesPaidUntil,
});

function validity(
  requested: number | null,
  scope: TransferScope,
  acrossProvinces: boolean,
  rules: TransferRules,
): number {
  const months = requested ?? rules.defaultValidityMonths[scope];
  const outside = scope === 'OutOfCity' || scope === 'IntoCity';
  const max = outside && acrossProvinces ? rules.maxValidityMonthsAcrossProvinces : rules.maxValidityMonths;
  if (!Number.isInteger(months) || months < 1 || months > max)
    refuse(
      'TRANSFER_VALIDITY_OUT_OF_RANGE',
      `a letter is valid for 1 to ${max} months (asked: ${months})`,
      'validityMonths',
    );
  return months;
}

function inStatus(t: Transfer, allowed: readonly TransferStatus[], action: string): void {
  if (!allowed.includes(t.status))
    refuse('TRANSFER_STATE_NOT_ALLOWED', `a transfer ${t.status} cannot be ${action}`, 'transferId');
}

/** Decides a command on a transfer. */
export function decideTransfer(command: TransferCommand, state: TransferState): TransferEvent[] {
  const { today } = command;
  if (command.kind === 'InitiateTransfer') {
    if (state) refuse('TRANSFER_ALREADY_EXISTS', `transfer ${command.transferId} exists`, 'transferId');
    const { from, to } = command;
    if (to && (!to.active || !to.canHoldMembers))
      refuse(
        'TRANSFER_TARGET_INVALID',
        `${to.organizationId} ${to.active ? 'cannot hold members (not a branch)' : 'is not active'}`,
        'toOrganizationId',
      );
    if ((!to || !from) && !command.outsideOrganization?.trim())
      refuse(
        'TRANSFER_TARGET_INVALID',
        'a transfer out of or into the city names the organization outside',
        'outsideOrganization',
      );
    if (command.rules.settleArrearsFirst && command.arrearsMonths > 0)
      refuse(
        'DUES_ARREARS_UNSETTLED',
        `${command.arrearsMonths} month(s) of dues are unpaid: settle them before the letter is issued`,
        'memberId',
      );
    if (command.expectedReportOn && command.expectedReportOn < today)
      refuse(
        'DATE_OUT_OF_ORDER',
        `expectedReportOn (${command.expectedReportOn}) is before today (${today})`,
        'expectedReportOn',
      );
    const scope = transferScopeOf(from, to);
    const path = approvalPath(from, to);
    const validityMonths = validity(command.validityMonths, scope, command.acrossProvinces, command.rules);
    const initiated: TransferEvent = {
      type: 'TransferInitiated',
      data: {
        transferId: command.transferId,
        memberId: command.memberId,
        scope,
        fromOrganizationId: from?.organizationId ?? null,
        fromDistrict: from?.district ?? null,
        toOrganizationId: to?.organizationId ?? null,
        toDistrict: to?.district ?? null,
        outsideOrganization: from && to ? null : command.outsideOrganization!.trim(),
        acrossProvinces: command.acrossProvinces,
        reason: command.reason,
        letterNumber: command.letterNumber,
        validityMonths,
        duesPaidUntil: command.duesPaidUntil,
        arrearsMonths: command.arrearsMonths,
        expectedReportOn: command.expectedReportOn,
        approvalPath: path,
        initiatedOn: today,
      },
    };
    // nobody above the sender (the city itself) has to approve: the letter is issued at once
    return path.length
      ? [initiated]
      : [
          initiated,
          {
            type: 'TransferLetterIssued',
            data: {
              transferId: command.transferId,
              ...letterFor({ ...initiated.data }, today),
            },
          },
        ];
  }
  if (!state) return refuse('TRANSFER_NOT_FOUND', 'no such transfer', 'transferId');
  const t = state;
  const id = { transferId: t.id };
  switch (command.kind) {
    case 'ApproveTransfer':
    case 'SendBackTransfer': {
      inStatus(t, ['AwaitingApproval'], command.kind === 'ApproveTransfer' ? 'approved' : 'sent back');
      const next = t.approvalPath[t.approvedBy.length];
      if (command.approverId !== next)
        refuse('APPROVER_NOT_NEXT', `${next} approves next, not ${command.approverId}`, 'transferId');
      if (command.kind === 'SendBackTransfer')
        return [
          {
            type: 'TransferSentBack',
            data: { ...id, approverId: command.approverId, reason: command.reason, sentBackOn: today },
          },
        ];
      const approved: TransferEvent = {
        type: 'TransferApproved',
        data: { ...id, approverId: command.approverId, approvedOn: today },
      };
      const last = t.approvedBy.length + 1 === t.approvalPath.length;
      return last ? [approved, { type: 'TransferLetterIssued', data: { ...id, ...letterFor(t, today) } }] : [approved];
    }
    case 'ResubmitTransfer':
      inStatus(t, ['SentBack'], 'resubmitted');
      return [{ type: 'TransferResubmitted', data: { ...id, resubmittedOn: today } }];
    case 'RevokeTransfer':
      inStatus(t, ['AwaitingApproval', 'SentBack'], 'revoked');
      if (t.approvedBy.length > 0)
        refuse(
          'TRANSFER_ALREADY_APPROVED',
          `${t.approvedBy[0]} approved it: it can no longer be revoked`,
          'transferId',
        );
      return [{ type: 'TransferRevoked', data: { ...id, reason: command.reason, revokedOn: today } }];
    case 'AcceptTransfer':
      inStatus(t, ['LetterIssued'], 'accepted');
      if (command.reportedOn > today)
        refuse('DATE_IN_FUTURE', `reportedOn (${command.reportedOn}) is after today (${today})`, 'reportedOn');
      if (command.reportedOn < t.letter!.issuedOn || command.reportedOn > t.letter!.validUntil)
        refuse(
          'TRANSFER_LETTER_EXPIRED',
          `the letter is valid from ${t.letter!.issuedOn} to ${t.letter!.validUntil}; the member reported on ${command.reportedOn}`,
          'reportedOn',
        );
      return [
        {
          type: 'TransferAccepted',
          data: { ...id, memberId: t.memberId, toOrganizationId: t.toOrganizationId, reportedOn: command.reportedOn },
        },
      ];
    case 'RejectTransfer':
      inStatus(t, ['LetterIssued'], 'rejected');
      return [{ type: 'TransferRejected', data: { ...id, reason: command.reason, rejectedOn: today } }];
    case 'ExpireTransfer':
      // the deadline sweep: nothing to do for a transfer not (or no longer) waiting past its letter's validity
      if (t.status !== 'LetterIssued' || today <= t.letter!.validUntil) return [];
      return [{ type: 'TransferExpired', data: { ...id, memberId: t.memberId, expiredOn: today } }];
    case 'RenewTransferLetter': {
      inStatus(t, ['Expired'], 'renewed');
      const months = validity(command.validityMonths ?? t.validityMonths, t.scope, t.acrossProvinces, command.rules);
      return [
        {
          type: 'TransferLetterRenewed',
          data: {
            ...id,
            ...letterFor(
              { letterNumber: command.letterNumber, validityMonths: months, duesPaidUntil: t.duesPaidUntil },
              today,
            ),
          },
        },
      ];
    }
  }
}

/** Folds a transfer's events into its state. */
export function evolveTransfer(state: TransferState, event: TransferEvent): TransferState {
  if (event.type === 'TransferInitiated') {
    const d = event.data;
    return {
      id: d.transferId,
      memberId: d.memberId,
      scope: d.scope,
      fromOrganizationId: d.fromOrganizationId,
      fromDistrict: d.fromDistrict,
      toOrganizationId: d.toOrganizationId,
      toDistrict: d.toDistrict,
      outsideOrganization: d.outsideOrganization,
      acrossProvinces: d.acrossProvinces,
      reason: d.reason,
      status: 'AwaitingApproval',
      approvalPath: d.approvalPath,
      approvedBy: [],
      validityMonths: d.validityMonths,
      letterNumber: d.letterNumber,
      duesPaidUntil: d.duesPaidUntil,
      arrearsMonths: d.arrearsMonths ?? 0,
      expectedReportOn: d.expectedReportOn,
      letter: null,
      initiatedOn: d.initiatedOn,
      closedOn: null,
      lastReason: null,
    };
  }
  if (!state) return state;
  switch (event.type) {
    case 'TransferApproved':
      return { ...state, approvedBy: [...state.approvedBy, event.data.approverId] };
    case 'TransferSentBack':
      return { ...state, status: 'SentBack', lastReason: event.data.reason };
    case 'TransferResubmitted':
      return { ...state, status: 'AwaitingApproval', approvedBy: [] };
    case 'TransferRevoked':
      return { ...state, status: 'Revoked', lastReason: event.data.reason, closedOn: event.data.revokedOn };
    case 'TransferLetterIssued':
    case 'TransferLetterRenewed': {
      const { transferId: _id, ...letter } = event.data;
      return { ...state, status: 'LetterIssued', letter, letterNumber: letter.letterNumber };
    }
    case 'TransferAccepted':
      return { ...state, status: 'Landed', closedOn: event.data.reportedOn };
    case 'TransferRejected':
      return { ...state, status: 'Rejected', lastReason: event.data.reason, closedOn: event.data.rejectedOn };
    case 'TransferExpired':
      return { ...state, status: 'Expired' };
  }
}
