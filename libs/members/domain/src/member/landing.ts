import { type IsoDate } from '@lianjian/calendar';
import { refuse } from '../errors';
import { ENDED_STATUSES } from '../model';
import { type TransferScope } from '../transfer/approval-path';
import { type MemberEvent, type TransferCause } from './member-events';
import { type Member, evolveMember, isCounted } from './state';

/**
 * The member lands where their relationship moved: at the receiving branch when a transfer is accepted (its id), out
 * of the city (the relationship here ends), into the city (a member who left is revived; a new one was registered in
 * the receiving branch from the letter), or with their organization (moved to another district, merged).
 */
export interface LandTransfer {
  readonly kind: 'LandTransfer';
  readonly transferId: string | null;
  readonly cause: TransferCause;
  readonly scope: TransferScope;
  readonly fromOrganizationId: string | null;
  readonly fromDistrict: string | null;
  readonly toOrganizationId: string | null;
  readonly toDistrict: string | null;
  readonly transferredOn: IsoDate;
  readonly today: IsoDate;
}

export type LandingCommand = LandTransfer;

export function decideLanding(command: LandTransfer, m: Member): MemberEvent[] {
  // a landing repeated (after a crash between the transfer's acceptance and the member's landing) lands once
  if (command.transferId && (m.transferIds ?? []).includes(command.transferId)) return [];
  if (command.transferredOn > command.today)
    refuse(
      'DATE_IN_FUTURE',
      `transferredOn (${command.transferredOn}) is after today (${command.today})`,
      'reportedOn',
    );
  const into = command.fromOrganizationId === null;
  if (into) {
    // revived after leaving the city, or registered in the receiving branch from the letter
    if (m.status !== 'TransferredOut' && m.organizationId !== command.toOrganizationId)
      refuse('TRANSFER_MEMBER_ELSEWHERE', `member ${m.id} belongs to ${m.organizationId} in the city`, 'memberId');
  } else {
    if (ENDED_STATUSES.includes(m.status) || m.probationCancelled)
      refuse('MEMBERSHIP_ENDED', `the membership ended (${m.status})`, 'memberId');
    if (m.organizationId !== command.fromOrganizationId)
      refuse(
        'TRANSFER_MEMBER_ELSEWHERE',
        `member ${m.id} belongs to ${m.organizationId}, not ${command.fromOrganizationId}`,
        'memberId',
      );
  }
  const organizationId = command.toOrganizationId ?? command.fromOrganizationId ?? m.organizationId;
  const data = {
    memberId: m.id,
    organizationId,
    transferId: command.transferId,
    cause: command.cause,
    scope: command.scope,
    fromOrganizationId: command.fromOrganizationId,
    fromDistrict: command.fromDistrict,
    toOrganizationId: command.toOrganizationId,
    toDistrict: command.toDistrict,
    transferredOn: command.transferredOn,
    counted: false,
  };
  const after = evolveMember(m, { type: 'MemberTransferred', data });
  return [{ type: 'MemberTransferred', data: { ...data, counted: after ? isCounted(after) : false } }];
}
