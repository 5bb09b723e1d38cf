import { type Page, type PageRequest, pageOf } from '@lianjian/api/paging';
import { type Caller } from '@lianjian/auth';
import { isCardNumber, refuse } from '@lianjian/members-domain';
import { type MemberView } from '../read-models';
import { type MemberFilter, type MemberSelection } from '../queries-support';

/** Finding members: by id, by card, in batches (nested fields) and as pages of a list, within the caller's scope. */
export class MemberQueries {
  constructor(private readonly selection: MemberSelection) {}

  async member(caller: Caller, id: string): Promise<MemberView | null> {
    await this.selection.ready();
    const member = await this.selection.ports.members.get(id);
    if (!member) return null;
    await this.selection.ports.scope.assertRead(caller, member);
    return member;
  }

  /** A swiped card or scanned QR code: the check digit first, then one primary-key lookup. */
  async memberByCard(caller: Caller, cardNumber: string): Promise<MemberView | null> {
    const card = cardNumber.trim();
    if (!isCardNumber(card))
      refuse(
        'CARD_NUMBER_INVALID',
        'a member card number has 16 digits starting with 8 and a valid check digit',
        'cardNumber',
      );
    return this.member(caller, card);
  }

  /** Batched lookup (nested fields): what the caller may not see comes back null. */
  async membersByIds(caller: Caller, ids: readonly string[]): Promise<Array<MemberView | null>> {
    await this.selection.ready();
    const found = await this.selection.ports.members.byIds([...new Set(ids)]);
    const byId = new Map(found.map((m) => [m._id, m]));
    return Promise.all(
      ids.map(async (id) => {
        const m = byId.get(id);
        return m && (await this.selection.ports.scope.canRead(caller, m)) ? m : null;
      }),
    );
  }

  async members(caller: Caller, filter: MemberFilter, page: PageRequest): Promise<Page<MemberView>> {
    const entries = await this.selection.select(caller, filter);
    // a page of the selection in member id order: only the page's members are read
    return pageOf(
      entries.map((e) => e.memberId),
      page,
      (ids) => this.selection.ports.members.byIds(ids),
    );
  }

  async districtOf(member: MemberView): Promise<string | null> {
    return (await this.selection.ports.scope.target(member)).district;
  }
}
