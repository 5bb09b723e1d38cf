import { AuthError, type Caller, canWrite } from '@lianjian/auth';
import { type IsoDate, type IsoMonth, type ProtectedData, refuse } from '@lianjian/members-domain';
import { type MemberReadModel, type OrganizationLookup, type OwnWrites } from '../ports';
import { type TransferView } from '../read-models';
import { type TransferQueries } from './transfer.queries';

/** What a letter is printed from (infrastructure/transfer-letter renders it and signs its code). */
export interface LetterRequest {
  readonly transferId: string;
  readonly letterNumber: string;
  readonly memberName: string;
  readonly memberId: string;
  readonly gender: 'Male' | 'Female' | null;
  readonly ethnicity: string | null;
  readonly stage: 'FullMember' | 'ProbationaryMember' | null;
  readonly fromOrganization: string;
  readonly toOrganization: string;
  readonly issuingOrganization: string;
  readonly issuedOn: IsoDate;
  readonly validUntil: IsoDate;
  readonly duesPaidUntil: IsoMonth | null;
}

/** The letters' printer and the codes' checker (infrastructure: PDF, QR code, signature). */
export interface LetterPrinter {
  document(letter: LetterRequest): Promise<{ pdf: Buffer; code: string }>;
  /** The claims of a genuine, unexpired code; refuses TRANSFER_LETTER_FORGED or TRANSFER_LETTER_EXPIRED. */
  open(code: string, today: IsoDate): { transferId: string; letterNumber: string };
}

export interface TransferLetterPorts {
  readonly members: Pick<MemberReadModel, 'get'>;
  readonly directory: OrganizationLookup;
  readonly names: { reveal(memberId: string, data: ProtectedData): Promise<{ name: string | null } | null> };
  readonly printer: LetterPrinter;
  readonly ownWrites: OwnWrites;
  readonly today: () => IsoDate;
}

/**
 * The transfer letter (介绍信) as people use it: printed (PDF with a signed QR code) by the sending side or the member
 * themself once issued; opened by the receiving branch from the code it scanned or typed — a forged or altered code
 * is refused, an expired or replaced letter says so.
 */
export class TransferLetterQueries {
  constructor(
    private readonly ports: TransferLetterPorts,
    private readonly queries: TransferQueries,
  ) {}

  async print(caller: Caller, transferId: string): Promise<{ pdf: Buffer; code: string }> {
    const t = await this.queries.transfer(caller, transferId);
    if (!t) return refuse('TRANSFER_NOT_FOUND', `no transfer ${transferId}`, 'transferId');
    const sender = t.fromOrganizationId ?? t.toOrganizationId!;
    const self = caller.role === 'MEMBER' && caller.memberId === t.memberId;
    if (!self && !canWrite(caller, await this.ports.directory.scopeOf(sender)))
      throw new AuthError('FORBIDDEN', 'the sending side (or the member) prints the letter');
    if (!t.letter || t.status !== 'LetterIssued')
      refuse('TRANSFER_STATE_NOT_ALLOWED', `a transfer ${t.status} has no letter to print`, 'transferId');
    const member = await this.ports.members.get(t.memberId);
    const name = member?.protectedData ? (await this.ports.names.reveal(t.memberId, member.protectedData))?.name : null;
    const nameOf = async (id: string | null, outside: string | null) =>
      id ? ((await this.ports.directory.get(id))?.name ?? id) : (outside ?? '');
    return this.ports.printer.document({
      transferId: t._id,
      letterNumber: t.letter.letterNumber,
      memberName: name ?? member?.profile.maskedName ?? t.memberId,
      memberId: t.memberId,
      gender: member?.profile.gender ?? null,
      ethnicity: member?.profile.ethnicity ?? null,
      stage: member?.stage === 'FullMember' || member?.stage === 'ProbationaryMember' ? member.stage : null,
      fromOrganization: await nameOf(t.fromOrganizationId, t.outsideOrganization),
      toOrganization: await nameOf(t.toOrganizationId, t.outsideOrganization),
      issuingOrganization: await nameOf(await this.issuer(t), t.outsideOrganization),
      issuedOn: t.letter.issuedOn,
      validUntil: t.letter.validUntil,
      duesPaidUntil: t.letter.duesPaidUntil,
    });
  }

  /** The receiving branch opens the transfer from the letter's code. */
  async open(caller: Caller, code: string): Promise<TransferView> {
    const claims = this.ports.printer.open(code, this.ports.today());
    const t = await this.queries.transfer(caller, claims.transferId);
    if (!t) return refuse('TRANSFER_LETTER_FORGED', 'the code names no transfer', 'code');
    if (t.letter?.letterNumber !== claims.letterNumber)
      refuse(
        'TRANSFER_LETTER_EXPIRED',
        `letter ${claims.letterNumber} was replaced by ${t.letter?.letterNumber ?? 'none'}`,
        'code',
      );
    return t;
  }

  /** The organization that issues the letter: the highest approver of the sender's district (else the sender). */
  private async issuer(t: TransferView): Promise<string | null> {
    const senderDistrict = t.fromDistrict ?? t.toDistrict;
    const inDistrict: string[] = [];
    for (const id of t.approvalPath)
      if ((await this.ports.directory.scopeOf(id)).district === senderDistrict) inDistrict.push(id);
    return inDistrict.at(-1) ?? t.fromOrganizationId ?? t.toOrganizationId;
  }
}
