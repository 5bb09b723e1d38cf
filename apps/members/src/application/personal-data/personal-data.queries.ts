import { randomUUID } from 'node:crypto';
import { AuthError, type Caller } from '@lianjian/auth';
import { maskCitizenId, maskPhone, refuse } from '@lianjian/members-domain';
import { type MemberView, type PersonalDataAuditEntry } from '../read-models';
import { type MemberReadModel, type PersonalDataAuditLog, type PersonalDataProtection } from '../ports';
import { type MemberScope } from '../scope';

/** Reading personal data: masked by default, revealed in full only within role and scope, and audited. */
export class PersonalDataQueries {
  constructor(
    private readonly members: MemberReadModel,
    private readonly scope: MemberScope,
    private readonly vault: PersonalDataProtection,
    private readonly audit: PersonalDataAuditLog,
  ) {}

  /**
   * The ID number or phone: masked, or — when asked and the caller's role and scope allow — in full, with an
   * audit entry written before the value is returned. Null once erased.
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

  async personalDataAudit(caller: Caller, memberId: string): Promise<PersonalDataAuditEntry[]> {
    const member = await this.members.get(memberId);
    if (!member) return refuse('MEMBER_NOT_FOUND', `no member ${memberId}`, 'memberId');
    const self = caller.role === 'MEMBER' && caller.memberId === member._id;
    if (!self) this.scope.assertWrite(caller, await this.scope.target(member));
    return this.audit.of(memberId);
  }
}
