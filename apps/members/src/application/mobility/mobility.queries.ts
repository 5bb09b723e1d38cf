import { randomUUID } from 'node:crypto';
import { type Page, type PageRequest, pageOf } from '@lianjian/api/paging';
import { AuthError, type Caller, canRead, canWrite, listableDistrict } from '@lianjian/auth';
import {
  type FlowIn,
  type FlowOut,
  type IsoDate,
  type MemberRules,
  isTransferCandidate,
  isWithoutContact,
  maskPhone,
  memberRulesFor,
  noContactDueOn,
  transferDueOn,
} from '@lianjian/members-domain';
import { type PersonalDataAuditLog, type PersonalDataProtection } from '../ports';
import { type MemberSelection } from '../queries-support';
import { type MemberView } from '../read-models';
import { type RevealQuota } from '../personal-data/reveal-quota';
import {
  type CommunityRegistrationView,
  type MobilityListEntry,
  type MobilityReadModel,
  type MobilityView,
} from './mobility.ports';

/** Who a row of mobility is about, as the caller may see them. */
interface AboutMember {
  readonly memberId: string;
  /** The member's document (its masked name travels in clear); null when not found. */
  readonly member: MemberView | null;
  /** The caller may read the member (the `member` field shows them, null otherwise). */
  readonly memberReadable: boolean;
}

/** A flow-out as a caller sees it: the record, the findings on it, and whether the caller may reveal its contact. */
export interface FlowOutItem extends AboutMember {
  readonly _id: string;
  readonly flowOut: FlowOut;
  readonly transferDueOn: IsoDate | null;
  readonly transferCandidate: boolean;
  readonly noContactDueOn: IsoDate | null;
  readonly withoutContact: boolean;
  readonly contactRevealable: boolean;
}

export interface FlowInItem extends AboutMember {
  readonly _id: string;
  readonly flowIn: FlowIn;
  readonly contactRevealable: boolean;
}

/** A member's mobility as a caller sees it: the records the caller may read (their side's). */
export interface MobilityItem extends AboutMember {
  readonly version: number;
  readonly flowOut: FlowOutItem | null;
  readonly flowIn: FlowInItem | null;
  readonly pastFlowOuts: FlowOutItem[];
  readonly pastFlowIns: FlowInItem[];
}

export interface CommunityRegistrationItem extends AboutMember {
  readonly _id: string;
  readonly registration: CommunityRegistrationView;
  /** The community's words (service descriptions, feedback comments) are opened for this caller. */
  readonly textsReadable: boolean;
}

export interface MobilityContact {
  readonly phone: string | null;
  readonly address: string | null;
  readonly revealed: boolean;
}

/** Which organizations a list covers: one (with its subtree when asked), a district's, or every one the caller reads. */
export interface MobilityListFilter {
  readonly organizationId?: string | null;
  readonly district?: string | null;
  readonly includeSubtree?: boolean | null;
}

export interface FlowOutFilter extends MobilityListFilter {
  /** Only flow-outs past `flowOutTransferMonths`: members who should transfer their relationship instead. */
  readonly transferCandidatesOnly?: boolean | null;
  /** Only flow-outs the branch has not heard from for `flowOutNoContactMonths` (lost contact may be marked). */
  readonly withoutContactOnly?: boolean | null;
}

interface Contact {
  readonly phone: string | null;
  readonly address: string | null;
}

/**
 * Mobility and community registrations as read: a member's records (their branch's side sees them all; a host or a
 * community sees the records it is part of), the lists of a branch or a district (mobile members out and in,
 * community registrations, cursor-paged by id from list documents read by key), and contacts — masked, revealed in
 * full only to the member and the admins responsible on either side, counted against the caller's reveal limits and
 * audited, as a member's phone is (ADR 0010).
 */
export class MobilityQueries {
  constructor(
    private readonly selection: MemberSelection,
    private readonly mobility: MobilityReadModel,
    private readonly vault: Pick<PersonalDataProtection, 'openFor'>,
    private readonly audit: PersonalDataAuditLog,
    private readonly quota: RevealQuota,
  ) {}

  /** The member's mobility, as the caller may see it (null: none recorded, or nothing the caller may see). */
  async mobilityOf(caller: Caller, memberId: string): Promise<MobilityItem | null> {
    await this.selection.ready();
    const view = await this.mobility.mobility(memberId);
    return view && this.visibleMobility(caller, view);
  }

  /**
   * A mobility as a command left it, shown to its caller as a query would; with the member as the command left them
   * (the read model may not hold the command's own appends yet).
   */
  async visibleMobility(caller: Caller, view: MobilityView, member?: MemberView): Promise<MobilityItem | null> {
    const about = await this.about(caller, view._id, member);
    const context = await this.context(caller, about);
    const outs = await Promise.all(
      [view.flowOut, ...view.pastFlowOuts]
        .filter((f): f is FlowOut => f !== null)
        .map((f) => this.flowOutItem(caller, about, f, context)),
    );
    const ins = await Promise.all(
      [view.flowIn, ...view.pastFlowIns]
        .filter((f): f is FlowIn => f !== null)
        .map((f) => this.flowInItem(caller, about, f, context)),
    );
    const visibleOuts = outs.filter((o): o is FlowOutItem => o !== null);
    const visibleIns = ins.filter((i): i is FlowInItem => i !== null);
    if (!context.memberSide && !visibleOuts.length && !visibleIns.length) return null;
    return {
      ...about,
      version: view.version,
      flowOut: visibleOuts.find((o) => o.flowOut.endedOn === null) ?? null,
      flowIn: visibleIns.find((i) => i.flowIn.endedOn === null) ?? null,
      pastFlowOuts: visibleOuts.filter((o) => o.flowOut.endedOn !== null),
      pastFlowIns: visibleIns.filter((i) => i.flowIn.endedOn !== null),
    };
  }

  /** Members flowing out of a branch, a subtree or a district (流出党员), in member id order. */
  async flowingOut(caller: Caller, filter: FlowOutFilter, page: PageRequest): Promise<Page<FlowOutItem>> {
    await this.selection.ready();
    const selected = await this.organizationsToList(caller, filter);
    let entries: MobilityListEntry[];
    if ('memberId' in selected) {
      const own = await this.mobility.mobility(selected.memberId);
      entries =
        own?.flowOut && (!selected.organizations || selected.organizations.includes(own.flowOut.organizationId))
          ? [
              {
                kind: 'flowing-out',
                key: own.flowOut.organizationId,
                id: own._id,
                value: `${own.flowOut.from}|${own.flowOut.lastContactOn}`,
              },
            ]
          : [];
    } else entries = await this.mobility.entries('flowing-out', selected.organizations);
    if (filter.transferCandidatesOnly || filter.withoutContactOnly) {
      const today = this.selection.ports.clock.today();
      const kept: MobilityListEntry[] = [];
      for (const e of entries) {
        const [from = '', lastContactOn = ''] = e.value.split('|');
        const rules = await this.rulesOfOrganization(e.key);
        const open = { from, lastContactOn, endedOn: null } as FlowOut;
        if (filter.transferCandidatesOnly && !isTransferCandidate(open, today, rules)) continue;
        if (filter.withoutContactOnly && !isWithoutContact(open, today, rules)) continue;
        kept.push(e);
      }
      entries = kept;
    }
    return pageOf(
      entries.map((e) => e.id),
      page,
      async (ids) => {
        const views = await this.mobility.mobilities(ids);
        const items = await Promise.all(
          views.map(async (v) => {
            const about = await this.about(caller, v._id);
            return v.flowOut && this.flowOutItem(caller, about, v.flowOut, await this.context(caller, about), true);
          }),
        );
        return items.filter((i): i is FlowOutItem => i !== null);
      },
    );
  }

  /** Members flowing in to the host organizations of a branch, a subtree or a district (流入党员), in member id order. */
  async flowingIn(caller: Caller, filter: MobilityListFilter, page: PageRequest): Promise<Page<FlowInItem>> {
    await this.selection.ready();
    const selected = await this.organizationsToList(caller, filter);
    let ids: string[];
    if ('memberId' in selected) {
      const own = await this.mobility.mobility(selected.memberId);
      ids =
        own?.flowIn && (!selected.organizations || selected.organizations.includes(own.flowIn.hostOrganizationId))
          ? [own._id]
          : [];
    } else ids = (await this.mobility.entries('flowing-in', selected.organizations)).map((e) => e.id);
    return pageOf(ids, page, async (pageIds) => {
      const views = await this.mobility.mobilities(pageIds);
      const items = await Promise.all(
        views.map(async (v) => {
          const about = await this.about(caller, v._id);
          return v.flowIn && this.flowInItem(caller, about, v.flowIn, await this.context(caller, about), true);
        }),
      );
      return items.filter((i): i is FlowInItem => i !== null);
    });
  }

  /**
   * Active community registrations: of a community (its side), or of the members of a branch, a subtree or a
   * district (their side), with the services and feedback each holds — what reaches the branch.
   */
  async registrations(
    caller: Caller,
    filter: MobilityListFilter & { readonly communityId?: string | null },
    page: PageRequest,
  ): Promise<Page<CommunityRegistrationItem>> {
    await this.selection.ready();
    let ids: string[];
    if (filter.communityId) {
      const communities = await this.selection.ports.scope.organizationsToList(caller, filter.communityId, false);
      const entries = await this.mobility.entries('community', communities);
      ids = entries.map((e) => e.id);
      if (caller.role === 'MEMBER') ids = ids.filter((id) => id.startsWith(`${caller.memberId}-`));
    } else {
      const selected = await this.organizationsToList(caller, filter);
      if ('memberId' in selected) {
        const own = await this.mobility.entries('member', [selected.memberId]);
        const docs = await this.mobility.registrations(own.map((e) => e.id));
        ids = docs
          .filter(
            (r) =>
              r.status === 'Registered' &&
              (!selected.organizations || selected.organizations.includes(r.organizationId)),
          )
          .map((r) => r._id);
      } else ids = (await this.mobility.entries('registered', selected.organizations)).map((e) => e.id);
    }
    return pageOf(ids, page, async (pageIds) =>
      Promise.all((await this.mobility.registrations(pageIds)).map((r) => this.registrationItem(caller, r))),
    );
  }

  /** Every registration of a member (revoked ones too), for a caller who may read the member. */
  async registrationsOf(caller: Caller, memberId: string): Promise<CommunityRegistrationItem[]> {
    await this.selection.ready();
    const entries = await this.mobility.entries('member', [memberId]);
    const docs = await this.mobility.registrations(entries.map((e) => e.id).sort());
    return Promise.all(docs.map((r) => this.registrationItem(caller, r)));
  }

  /** A registration as a command left it, shown to its caller. */
  registrationItem(caller: Caller, registration: CommunityRegistrationView): Promise<CommunityRegistrationItem> {
    return this.about(caller, registration.memberId).then(async (about) => ({
      ...about,
      _id: registration._id,
      registration,
      textsReadable:
        caller.role !== 'ANALYTICS_READER' &&
        (about.memberReadable ||
          (caller.role !== 'MEMBER' &&
            canRead(caller, await this.selection.ports.directory.scopeOf(registration.communityId)))),
    }));
  }

  /** A text the community wrote about the member (a service, a feedback), opened for callers who may read it. */
  async communityText(
    item: CommunityRegistrationItem,
    field: 'communityService' | 'communityFeedback',
    sealed: string | null,
  ): Promise<string | null> {
    if (!sealed || !item.textsReadable) return null;
    return this.vault.openFor(item.memberId, field, sealed);
  }

  /**
   * A flow-out's or flow-in's contact: the phone masked; in full with the address when asked and the caller may
   * (the member, the admins of the member's scope or of the host), within the reveal limits, audited first.
   */
  async contact(
    caller: Caller,
    item: FlowOutItem | FlowInItem,
    sealed: string | null,
    reveal: boolean,
  ): Promise<MobilityContact | null> {
    if (!sealed) return null;
    if (reveal && !item.contactRevealable)
      throw new AuthError('FORBIDDEN', 'your role or scope does not allow the full contact');
    if (reveal) await this.quota.take(caller);
    const opened = await this.vault.openFor(item.memberId, 'mobilityContact', sealed);
    if (!opened) return null; // erased: the key is gone
    const contact = JSON.parse(opened) as Contact;
    if (!reveal) return { phone: contact.phone && maskPhone(contact.phone), address: null, revealed: false };
    await this.audit.record({
      _id: randomUUID(),
      memberId: item.memberId,
      field: 'mobilityContact',
      actor: caller.subject,
      role: caller.role,
      at: new Date(),
    });
    return { ...contact, revealed: true };
  }

  // ---- who sees what -----------------------------------------------------------------------------------------------

  private async about(caller: Caller, memberId: string, fresh?: MemberView): Promise<AboutMember> {
    const member = fresh ?? (await this.selection.ports.members.get(memberId));
    return {
      memberId,
      member,
      memberReadable: member !== null && (await this.selection.ports.scope.canRead(caller, member)),
    };
  }

  /** The caller's sides on a member: theirs (the member, their scope's readers), and may they change the member. */
  private async context(caller: Caller, about: AboutMember): Promise<{ memberSide: boolean; memberWritable: boolean }> {
    const self = caller.role === 'MEMBER' && caller.memberId === about.memberId;
    const memberWritable =
      about.member !== null && canWrite(caller, await this.selection.ports.scope.target(about.member));
    return { memberSide: self || about.memberReadable, memberWritable: self || memberWritable };
  }

  /** The host's side: readers of the host organization (not its members), and its admins. */
  private async hostSide(
    caller: Caller,
    hostOrganizationId: string | null,
  ): Promise<{ read: boolean; write: boolean }> {
    if (!hostOrganizationId || caller.role === 'MEMBER') return { read: false, write: false };
    const target = await this.selection.ports.directory.scopeOf(hostOrganizationId);
    return { read: canRead(caller, target), write: canWrite(caller, target) };
  }

  private async flowOutItem(
    caller: Caller,
    about: AboutMember,
    flowOut: FlowOut,
    context: { memberSide: boolean; memberWritable: boolean },
    listed = false,
  ): Promise<FlowOutItem | null> {
    const host = await this.hostSide(caller, flowOut.hostOrganizationId);
    if (!listed && !context.memberSide && !host.read) return null;
    const rules = await this.rulesOfOrganization(flowOut.organizationId);
    const today = this.selection.ports.clock.today();
    return {
      ...about,
      _id: about.memberId,
      flowOut,
      transferDueOn: transferDueOn(flowOut, rules),
      transferCandidate: isTransferCandidate(flowOut, today, rules),
      noContactDueOn: noContactDueOn(flowOut, rules),
      withoutContact: isWithoutContact(flowOut, today, rules),
      contactRevealable: context.memberWritable || host.write,
    };
  }

  private async flowInItem(
    caller: Caller,
    about: AboutMember,
    flowIn: FlowIn,
    context: { memberSide: boolean; memberWritable: boolean },
    listed = false,
  ): Promise<FlowInItem | null> {
    const host = await this.hostSide(caller, flowIn.hostOrganizationId);
    if (!listed && !context.memberSide && !host.read) return null;
    return { ...about, _id: about.memberId, flowIn, contactRevealable: context.memberWritable || host.write };
  }

  private async rulesOfOrganization(organizationId: string): Promise<MemberRules> {
    const { district } = await this.selection.ports.directory.scopeOf(organizationId);
    return memberRulesFor(this.selection.ports.rules, district);
  }

  /**
   * The organizations a list covers, within the caller's scope: the one asked for (and its subtree), a district's
   * (another district is refused to a district admin; an organization admin gets the part of it in their subtree),
   * or all the caller reads. A member lists only their own records (within what was asked).
   */
  private async organizationsToList(
    caller: Caller,
    filter: MobilityListFilter,
  ): Promise<{ organizations: string[] } | { memberId: string; organizations: string[] | null }> {
    const { scope, directory } = this.selection.ports;
    let listed: string[] | null = null;
    if (filter.organizationId)
      listed = await scope.organizationsToList(caller, filter.organizationId, filter.includeSubtree ?? false);
    else if (filter.district) {
      const district = listableDistrict(caller, filter.district);
      listed = district ? await directory.idsInDistrict(district) : null;
    }
    const readable = await scope.readable(caller);
    if ('memberId' in readable) return { memberId: readable.memberId, organizations: listed };
    const allowed = readable.organizations ? new Set(readable.organizations) : null;
    const organizations = listed ?? readable.organizations ?? (await directory.allIds());
    return { organizations: organizations.filter((id) => !allowed || allowed.has(id)) };
  }
}
