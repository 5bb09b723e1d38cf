import { randomUUID } from 'node:crypto';
import { type Page, type PageRequest, pageOf } from '@lianjian/api';
import { AuthError, type Caller } from '@lianjian/auth';
import {
  type DeadlineStatus,
  type IsoMonth,
  type LapseReason,
  type MemberRulesConfiguration,
  type MembershipStatus,
  type PipelineDeadline,
  type Stage,
  collectionRate,
  isCardNumber,
  isSuspensionCandidate,
  lapseReasons,
  maskCitizenId,
  maskPhone,
  memberRulesFor,
  monthlyDues,
  pipelineDeadline,
  refuse,
} from '@lianjian/members-domain';
import { type OrganizationDirectory } from '../infrastructure/organization-directory';
import { type PersonalDataVault } from '../infrastructure/personal-data-vault';
import { type RosterEntry, membersByIds, rosterEntries } from '../infrastructure/rosters';
import { type AttendanceView, type MemberView, type PersonalDataAuditEntry, type Views } from '../infrastructure/views';
import { type Clock } from '@lianjian/calendar';
import { type MemberScope } from './scope';

export interface MemberFilter {
  readonly organizationId?: string | null;
  readonly includeSubtree?: boolean | null;
  readonly stages?: Stage[] | null;
  readonly statuses?: MembershipStatus[] | null;
}

/** Most members a report returns (arrears, deadlines, lapse and suspension candidates). */
const MAX_REPORT = 10_000;

/** Reads for the members subgraph, always within the caller's scope. */
export class MemberQueries {
  constructor(
    private readonly v: Views,
    private readonly directory: OrganizationDirectory,
    private readonly scope: MemberScope,
    private readonly vault: PersonalDataVault,
    private readonly rules: MemberRulesConfiguration,
    private readonly clock: Clock,
    /** Waits until the read models hold this instance's own writes (free when they already do). */
    private readonly ready: () => Promise<void> = () => Promise.resolve(),
  ) {}

  async member(caller: Caller, id: string): Promise<MemberView | null> {
    await this.ready();
    const member = await this.v.members.findOne({ _id: id });
    if (!member) return null;
    await this.scope.assertRead(caller, member);
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
    await this.ready();
    const found = await this.v.members.find({ _id: { $in: [...ids] } }).toArray();
    const byId = new Map(found.map((m) => [m._id, m]));
    return Promise.all(
      ids.map(async (id) => {
        const m = byId.get(id);
        return m && (await this.scope.canRead(caller, m)) ? m : null;
      }),
    );
  }

  async members(caller: Caller, filter: MemberFilter, page: PageRequest): Promise<Page<MemberView>> {
    return this.page(await this.select(caller, filter), page);
  }

  // ---- personal data ------------------------------------------------------------------------------------------

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
    await this.v.audit.insertOne(entry);
    return value;
  }

  async personalDataAudit(caller: Caller, memberId: string): Promise<PersonalDataAuditEntry[]> {
    const member = await this.v.members.findOne({ _id: memberId });
    if (!member) return refuse('MEMBER_NOT_FOUND', `no member ${memberId}`, 'memberId');
    const self = caller.role === 'MEMBER' && caller.memberId === member._id;
    if (!self) this.scope.assertWrite(caller, await this.scope.target(member));
    return this.v.audit.find({ memberId }).sort({ at: 1 }).limit(1000).toArray();
  }

  // ---- pipeline -------------------------------------------------------------------------------------------------

  /** Pipeline steps with a deadline: approvals pending after a branch decision, probations ending or overdue. */
  async pipelineDeadlines(
    caller: Caller,
    filter: MemberFilter,
    status: DeadlineStatus | null,
  ): Promise<Array<{ member: MemberView; deadline: PipelineDeadline }>> {
    const members = await this.report(
      await this.select(caller, filter),
      (m) => m.pendingDecision !== null || m.stage === 'ProbationaryMember',
    );
    const today = this.clock.today();
    const rows: Array<{ member: MemberView; deadline: PipelineDeadline }> = [];
    for (const member of members) {
      const deadline = pipelineDeadline(
        member,
        today,
        memberRulesFor(this.rules, (await this.scope.target(member)).district),
      );
      if (deadline && (!status || deadline.status === status)) rows.push({ member, deadline });
    }
    return rows.sort(
      (a, b) => a.deadline.dueOn.localeCompare(b.deadline.dueOn) || a.member._id.localeCompare(b.member._id),
    );
  }

  async districtOf(member: MemberView): Promise<string | null> {
    return (await this.scope.target(member)).district;
  }

  deadlineOf(member: MemberView, district: string | null): PipelineDeadline | null {
    return pipelineDeadline(member, this.clock.today(), memberRulesFor(this.rules, district));
  }

  // ---- dues -------------------------------------------------------------------------------------------------------

  async monthlyDues(member: MemberView): Promise<number | null> {
    try {
      return monthlyDues(
        member.duesCategory,
        member.monthlyIncome,
        memberRulesFor(this.rules, (await this.scope.target(member)).district),
      );
    } catch {
      return null; // income not declared yet
    }
  }

  async duesArrears(
    caller: Caller,
    filter: MemberFilter,
  ): Promise<Array<{ member: MemberView; months: IsoMonth[]; amount: number }>> {
    const members = await this.report(await this.select(caller, filter), (m) => m.bills.some((b) => !b.paidOn));
    return members
      .map((member) => {
        const unpaid = member.bills.filter((b) => !b.paidOn);
        return {
          member,
          months: unpaid.map((b) => b.month),
          amount: Math.round(unpaid.reduce((s, b) => s + b.amount, 0) * 100) / 100,
        };
      })
      .filter((r) => r.months.length > 0);
  }

  /** Collection rate (收缴率) of an organization (with its subtree) over a period of months. */
  async duesCollection(caller: Caller, organizationId: string, fromMonth: IsoMonth, toMonth: IsoMonth) {
    const selected = await this.select(caller, { organizationId, includeSubtree: true });
    const members = (
      await membersByIds(
        this.v.members,
        selected.map((e) => e.memberId),
      )
    ).filter((m) => m.bills.some((b) => b.month >= fromMonth && b.month <= toMonth));
    let billed = 0;
    let paid = 0;
    let billedMembers = 0;
    let paidMembers = 0;
    for (const m of members) {
      const bills = m.bills.filter((b) => b.month >= fromMonth && b.month <= toMonth);
      if (!bills.length) continue;
      billedMembers += 1;
      if (bills.every((b) => b.paidOn)) paidMembers += 1;
      billed += bills.reduce((s, b) => s + b.amount, 0);
      paid += bills.filter((b) => b.paidOn).reduce((s, b) => s + b.amount, 0);
    }
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      organizationId,
      fromMonth,
      toMonth,
      billed: round(billed),
      paid: round(paid),
      rate: collectionRate(billed, paid),
      billedMembers,
      paidMembers,
      memberRate: collectionRate(billedMembers, paidMembers),
    };
  }

  // ---- organizational life, lapse and lost contact --------------------------------------------------------------

  attendance(member: MemberView): Promise<AttendanceView[]> {
    return this.v.attendance.find({ memberId: member._id }).sort({ heldOn: -1 }).limit(500).toArray();
  }

  async lapseCandidates(
    caller: Caller,
    filter: MemberFilter,
  ): Promise<Array<{ member: MemberView; reasons: LapseReason[] }>> {
    const inGoodStanding = (await this.select(caller, filter)).filter(
      (e) =>
        ['Normal', 'Restored', 'Retained'].includes(e.status) && ['ProbationaryMember', 'FullMember'].includes(e.stage),
    );
    const members = await this.report(inGoodStanding, () => true);
    const activity = new Map(
      (await this.v.activity.find({ _id: { $in: members.map((m) => m._id) } }).toArray()).map((a) => [
        a._id,
        a.lastMeetingOn,
      ]),
    );
    const today = this.clock.today();
    const rows: Array<{ member: MemberView; reasons: LapseReason[] }> = [];
    for (const member of members) {
      const reasons = lapseReasons(
        member,
        activity.get(member._id) ?? null,
        today,
        memberRulesFor(this.rules, (await this.scope.target(member)).district),
      );
      if (reasons.length) rows.push({ member, reasons });
    }
    return rows;
  }

  async suspensionCandidates(caller: Caller, filter: MemberFilter): Promise<MemberView[]> {
    const members = await this.report(await this.select(caller, filter), (m) => m.lostContactSince !== null);
    const today = this.clock.today();
    const rows: MemberView[] = [];
    for (const m of members)
      if (isSuspensionCandidate(m, today, memberRulesFor(this.rules, (await this.scope.target(m)).district)))
        rows.push(m);
    return rows;
  }

  async lastMeetingOn(member: MemberView): Promise<string | null> {
    return (await this.v.activity.findOne({ _id: member._id }))?.lastMeetingOn ?? null;
  }

  // ---- helpers -----------------------------------------------------------------------------------------------------

  /**
   * The roster entries a list covers: the caller's readable organizations (and the organization asked for, with its
   * subtree when asked), by stage and status. Read by exact keys from the organizations' rosters (rosters.ts).
   */
  private async select(caller: Caller, filter: MemberFilter): Promise<RosterEntry[]> {
    await this.ready();
    const readable = await this.scope.readable(caller);
    const listed = filter.organizationId
      ? await this.scope.organizationsToList(caller, filter.organizationId, filter.includeSubtree ?? false)
      : null;
    let entries: RosterEntry[];
    if ('memberId' in readable) {
      const self = await this.v.members.findOne({ _id: readable.memberId });
      entries = self
        ? [{ memberId: self._id, organizationId: self.organizationId, stage: self.stage, status: self.status }]
        : [];
      if (listed) entries = entries.filter((e) => listed.includes(e.organizationId));
    } else {
      const allowed = readable.organizations ? new Set(readable.organizations) : null;
      const organizations = listed ?? readable.organizations ?? (await this.directory.allIds());
      entries = await rosterEntries(
        this.v.rosters,
        allowed ? organizations.filter((id) => allowed.has(id)) : organizations,
      );
    }
    const stages = filter.stages?.length ? new Set<string>(filter.stages) : null;
    const statuses = filter.statuses?.length ? new Set<string>(filter.statuses) : null;
    return entries.filter((e) => (!stages || stages.has(e.stage)) && (!statuses || statuses.has(e.status)));
  }

  /** A page of the selection in member id order: only the page's members are read. */
  private page(entries: readonly RosterEntry[], request: PageRequest): Promise<Page<MemberView>> {
    return pageOf(
      entries.map((e) => e.memberId),
      request,
      (ids) => membersByIds(this.v.members, ids),
    );
  }

  /** The selection's members that match a report's condition, in member id order, at most MAX_REPORT. */
  private async report(
    entries: readonly RosterEntry[],
    matches: (member: MemberView) => boolean,
  ): Promise<MemberView[]> {
    const ids = entries.map((e) => e.memberId).sort();
    const rows: MemberView[] = [];
    for (let i = 0; i < ids.length && rows.length < MAX_REPORT; i += 1000) {
      for (const m of await membersByIds(this.v.members, ids.slice(i, i + 1000)))
        if (matches(m) && rows.length < MAX_REPORT) rows.push(m);
    }
    return rows;
  }
}
