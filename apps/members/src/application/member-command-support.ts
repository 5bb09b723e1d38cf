import { type Caller } from '@lianjian/auth';
import { type Clock } from '@lianjian/calendar';
import {
  type AppendContext,
  type CommandOptions,
  type EventStore,
  type LoadedAggregate,
  commandContext,
  commandHandleOptions,
  deciderOf,
  handleCommand,
  loadAggregate,
} from '@lianjian/event-store';
import { memberStreamId } from '@lianjian/members-contracts';
import {
  BRANCH_TYPES,
  type IsoDate,
  type MeetingVote,
  type MemberCommand,
  type MemberEvent,
  type MemberRules,
  type MemberRulesConfiguration,
  type MemberState,
  isVotingOn,
  voteOfMeeting,
  memberRulesFor,
  refuse,
  decideMember,
  evolveMember,
} from '@lianjian/members-domain';
import { type MemberView, type OrganizationRef } from './read-models';
import {
  type MeetingRecordReadModel,
  type MemberReadModel,
  type OrganizationLookup,
  type OwnWrites,
  type PersonalDataProtection,
  type RosterReadModel,
} from './ports';
import { type MemberScope } from './scope';

export const memberDecider = deciderOf<MemberState, MemberCommand, MemberEvent>(decideMember, evolveMember, () => null);

/** Members with long histories (years of monthly dues) load from a snapshot and the events after it. */
/** Version 2: the member's profile holds the masked name, the full name is in protectedData (MemberRegistered v2). */
export const MEMBER_SNAPSHOTS = { schemaVersion: 2, every: 50 };

/** A decision's vote as the client gives it: the recorded branch members' meeting and the resolution that decided. */
export interface VoteInput {
  readonly meetingId: string;
  /** 1-based, in the order of the meeting's record. */
  readonly resolution: number;
}

/** A member as a command sees it: the stream folded (its own state, not a read model), and the version it is at. */
export interface LoadedMember {
  readonly view: MemberView;
  readonly loaded: LoadedAggregate<MemberState>;
}

export const viewOf = (memberId: string, state: MemberState, version: number): MemberView => ({
  ...state!,
  _id: memberId,
  version,
});

/** The ports and settings every member command handler works with. */
export interface MemberCommandPorts {
  readonly store: EventStore;
  readonly members: MemberReadModel;
  readonly rosters: RosterReadModel;
  /** The branch meetings recorded by the organizations service: a decision's vote comes from them. */
  readonly meetings: MeetingRecordReadModel;
  readonly ownWrites: OwnWrites;
  readonly directory: OrganizationLookup;
  readonly scope: MemberScope;
  readonly rules: MemberRulesConfiguration;
  readonly clock: Clock;
  /** Seals the free-text reasons a command records to the member's key (ADR 0010). */
  readonly sealing: Pick<PersonalDataProtection, 'sealFor'>;
  /** Wakes the outbox relay after an append. */
  readonly onAppended: () => void;
}

/**
 * What the member command handlers (one folder per family: registration, pipeline, status, dues, lapse, personal
 * data) share: load the member's stream once, check the caller's scope on it, gather the facts the rules need (the
 * branch's voting members on the meeting date, the superior organization), let the pure decider decide, append once
 * with the version it loaded, and answer with the state that append produced.
 */
export class MemberCommandSupport {
  constructor(readonly ports: MemberCommandPorts) {}

  /**
   * A free-text reason about the member as their events carry it: sealed to their key, never in clear (a reason may
   * be a health fact); null once their personal data is erased (no key to seal to).
   */
  sealReason(memberId: string, reason: string | null | undefined): Promise<string | null> {
    return reason ? this.ports.sealing.sealFor(memberId, 'reason', reason) : Promise.resolve(null);
  }

  /** The branch a member belongs to: it must exist (as the organizations service published it), be active and a branch. */
  async branchFor(
    caller: Caller,
    organizationId: string,
  ): Promise<{ branch: OrganizationRef; district: string | null }> {
    const branch = await this.ports.directory.get(organizationId);
    if (!branch)
      return refuse(
        'ORGANIZATION_NOT_FOUND',
        `no organization ${organizationId} (or its establishment has not reached the members service yet)`,
        'organizationId',
      );
    if (branch.status !== 'active')
      refuse('ORGANIZATION_NOT_FOUND', `the organization is ${branch.status}`, 'organizationId');
    if (!(BRANCH_TYPES as readonly string[]).includes(branch.type))
      refuse(
        'ORGANIZATION_NOT_A_BRANCH',
        `members belong to a branch; ${branch.name} is a ${branch.type}`,
        'organizationId',
      );
    const target = await this.ports.directory.scopeOf(branch._id);
    this.ports.scope.assertWrite(caller, target);
    return { branch, district: target.district };
  }

  /**
   * A decision's vote, from the record of the branch members' meeting the client names (never the client's counts):
   * those attending are the meeting's attendees who were voting members of the branch on its day — full members by
   * then, in good standing on that date —, the yes votes the resolution's (`voteOfMeeting`).
   */
  async vote(member: MemberView, vote: VoteInput): Promise<MeetingVote> {
    await this.ports.ownWrites.reachOwnWrites();
    const meeting = await this.ports.meetings.get(vote.meetingId);
    const fullMembers = (await this.ports.rosters.entries([member.organizationId])).filter(
      (e) => e.stage === 'FullMember',
    );
    const candidates = meeting ? await this.ports.members.byIds(fullMembers.map((e) => e.memberId)) : [];
    const voting = candidates.filter((m) => meeting && isVotingOn(m, meeting.heldOn)).map((m) => m._id);
    return voteOfMeeting(meeting, vote.resolution, member.organizationId, voting);
  }

  /** The member's stream, folded: one snapshot-and-stream read by exact keys. */
  async load(memberId: string): Promise<LoadedMember> {
    const loaded = await loadAggregate<MemberState, MemberEvent & { data: Record<string, unknown> }>(
      this.ports.store,
      memberStreamId(memberId),
      memberDecider.evolve,
      memberDecider.initialState,
      MEMBER_SNAPSHOTS,
    );
    if (!loaded.state) refuse('MEMBER_NOT_FOUND', `no member ${memberId}`, 'memberId');
    return { view: viewOf(memberId, loaded.state, loaded.version), loaded };
  }

  /** The member, when the caller may change it (their scope holds the member's branch). */
  async writable(caller: Caller, memberId: string): Promise<LoadedMember> {
    const member = await this.load(memberId);
    this.ports.scope.assertWrite(caller, await this.ports.scope.target(member.view));
    return member;
  }

  /** The member, when the caller is the member themself or may change it. */
  async selfOrWritable(caller: Caller, memberId: string): Promise<{ member: LoadedMember; self: boolean }> {
    const member = await this.load(memberId);
    const self = caller.role === 'MEMBER' && caller.memberId === member.view._id;
    if (!self) this.ports.scope.assertWrite(caller, await this.ports.scope.target(member.view));
    return { member, self };
  }

  /** Superior approval: the approver is an organization above the member's branch, and the caller may act for it. */
  async approvable(caller: Caller, memberId: string, approverOrganizationId: string): Promise<LoadedMember> {
    const member = await this.load(memberId);
    const path = await this.ports.directory.path(member.view.organizationId);
    if (!path.slice(0, -1).includes(approverOrganizationId)) {
      refuse(
        'APPROVER_NOT_SUPERIOR',
        `${approverOrganizationId} is not above the member's branch`,
        'approverOrganizationId',
      );
    }
    this.ports.scope.assertWrite(caller, await this.ports.directory.scopeOf(approverOrganizationId));
    return member;
  }

  /** Decides on the state the command loaded and appends once; the mutation answers with the state it produced. */
  async run(
    caller: Caller,
    member: LoadedMember,
    command: MemberCommand,
    options: CommandOptions,
  ): Promise<MemberView> {
    const district = (await this.ports.scope.target(member.view)).district;
    const handled = await handleCommand(
      this.ports.store,
      memberStreamId(member.view._id),
      memberDecider,
      command,
      this.context(caller, options, district),
      commandHandleOptions(options, memberDecider, member.loaded, MEMBER_SNAPSHOTS),
    );
    if (handled.events.length) this.ports.onAppended();
    return viewOf(member.view._id, handled.state, handled.version);
  }

  rulesFor(district: string | null): MemberRules {
    return memberRulesFor(this.ports.rules, district);
  }

  today(): IsoDate {
    return this.ports.clock.today();
  }

  /** Today, and the rules of the member's district. */
  async dated(member: MemberView): Promise<{ today: IsoDate; rules: MemberRules }> {
    return { today: this.today(), rules: this.rulesFor((await this.ports.scope.target(member)).district) };
  }

  context(caller: Caller, options: CommandOptions, district: string | null): AppendContext {
    return commandContext(caller.subject, options, district);
  }
}
