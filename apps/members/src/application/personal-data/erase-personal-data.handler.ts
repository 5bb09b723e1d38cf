import { AuthError, type Caller } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import { type MemberView } from '../read-models';
import { type MemberCommandSupport } from '../member-command-support';
import { type CitizenIdRegistry, type PersonalDataProtection } from '../ports';

/** Crypto-shredding: the member's data key is destroyed; history and statistics stay. */
export class ErasePersonalDataHandler {
  constructor(
    private readonly support: MemberCommandSupport,
    private readonly vault: PersonalDataProtection,
    private readonly citizenIds: CitizenIdRegistry,
  ) {}

  async erasePersonalData(
    caller: Caller,
    input: { memberId: string; reason: string } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.support.writable(caller, input.memberId);
    if (caller.role !== 'CITY_ADMIN' && caller.role !== 'DISTRICT_ADMIN')
      throw new AuthError('FORBIDDEN', 'personal data is erased by a city or district admin');
    // the reservation's key is the blind index of the ID number: read it while the data key still exists
    const revealed = member.view.protectedData
      ? await this.vault.reveal(member.view._id, member.view.protectedData)
      : null;
    const erased = await this.support.run(
      caller,
      member,
      {
        kind: 'ErasePersonalData',
        on: this.support.today(),
        reason: input.reason,
        ...(await this.support.dated(member.view)),
      },
      input,
    );
    await this.vault.destroy(member.view._id); // at once; the projection repeats it if this process dies first
    if (revealed?.idNumber) await this.citizenIds.release(this.vault.blindIndex(revealed.idNumber), member.view._id);
    return erased;
  }
}
