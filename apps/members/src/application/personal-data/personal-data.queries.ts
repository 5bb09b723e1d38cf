import { randomUUID } from 'node:crypto';
import { AuthError, type Caller } from '@lianjian/auth';
import { maskCitizenId, maskPhone, refuse } from '@lianjian/members-domain';
import { type MemberView, type PersonalDataAuditEntry } from '../read-models';
import {
  type MemberReadModel,
  type PersonalDataAuditLog,
  type PersonalDataProtection,
  type SealedField,
} from '../ports';

const SEALED = /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
import { type MemberScope } from '../scope';
import { type RevealQuota } from './reveal-quota';

/** Reading personal data: masked by default, revealed in full only within role and scope, and audited. */
export class PersonalDataQueries {
  constructor(
    private readonly members: MemberReadModel,
    private readonly scope: MemberScope,
    private readonly vault: PersonalDataProtection,
    private readonly audit: PersonalDataAuditLog,
    private readonly quota: RevealQuota,
  ) {}

  /**
   * The ID number or phone: masked, or — when asked, the caller's role and scope allow, and the reveal limits are not
   * reached — in full, with an audit entry written before the value is returned. Null once erased.
   */
  async personalData(
    caller: Caller,
    member: MemberView,
    field: 'idNumber' | 'phone',
    reveal: boolean,
  ): Promise<string | null> {
    if (!member.protectedData) return null;
    if (reveal && !(await this.scope.canReveal(caller, member)))
      throw new AuthError('FORBIDDEN', `your role or scope does not allow the full ${field}`);
    if (reveal) await this.quota.take(caller);
    const clear = await this.vault.reveal(member._id, member.protectedData);
    if (!clear) return null;
    const value = clear[field];
    if (value === null) return null;
    if (!reveal) return field === 'idNumber' ? maskCitizenId(value) : maskPhone(value);
    const entry: PersonalDataAuditEntry = {
      _id: randomUUID(),
      memberId: member._id,
      field,
      actor: caller.subject,
      role: caller.role,
      at: new Date(),
    };
    await this.audit.record(entry);
    return value;
  }

  /**
   * The member's full name, decrypted with their data key, for whoever may read the member (as before names were
   * encrypted); the masked name once erased (the key is gone) or when the full name was never sealed (v1 events).
   */
  async name(member: MemberView): Promise<string> {
    const clear = member.protectedData?.name ? await this.vault.reveal(member._id, member.protectedData) : null;
    return clear?.name ?? member.profile.maskedName;
  }

  /** A reason the member's events carry sealed to their key, opened; a system text (`registered`) as it is. */
  reason(member: MemberView, sealed: string | null): Promise<string | null> {
    return this.open(member, 'reason', sealed);
  }

  /** An absence reason the organizations service sealed to the member's key (`sealForMember`), opened. */
  absenceReason(member: MemberView, sealed: string | null): Promise<string | null> {
    return this.open(member, 'absenceReason', sealed);
  }

  private async open(member: MemberView, field: SealedField, sealed: string | null): Promise<string | null> {
    if (sealed === null) return null;
    if (!SEALED.test(sealed)) return sealed;
    if (!member.protectedData) return null; // erased: the key is gone
    return this.vault.openFor(member._id, field, sealed);
  }

  async personalDataAudit(caller: Caller, memberId: string): Promise<PersonalDataAuditEntry[]> {
    const member = await this.members.get(memberId);
    if (!member) return refuse('MEMBER_NOT_FOUND', `no member ${memberId}`, 'memberId');
    const self = caller.role === 'MEMBER' && caller.memberId === member._id;
    if (!self) this.scope.assertWrite(caller, await this.scope.target(member));
    return this.audit.of(memberId);
  }
}
