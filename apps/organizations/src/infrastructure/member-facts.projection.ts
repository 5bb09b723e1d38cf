import { type Db } from 'mongodb';
import { type IntegrationEnvelope, StreamProjection, decodeOrPoison } from '@lianjian/messaging';
import { type MembersMessage, decodeMembersMessage, memberIdFromStream } from '@lianjian/members-contracts';
import { memberRosterChanges } from './member-rosters';
import { type MemberFactView, type Views } from './views';

type Fact = Pick<MemberFactView, 'organizationId' | 'unitId' | 'stage' | 'status' | 'probationCancelled' | 'counted'>;

/** What a member event changes in the member's facts (nothing, for most): read from the typed, validated message. */
function factChange(message: MembersMessage): Partial<Fact> {
  switch (message.type) {
    case 'MemberRegistered': {
      const d = message.data;
      // counted arrives as its own fact (MemberCountChanged), published with the registration
      return {
        organizationId: d.organizationId,
        unitId: d.profile.unitId,
        stage: d.stage,
        status: d.status,
        probationCancelled: false,
        counted: false,
      };
    }
    case 'ActivistDesignated':
      return { stage: 'Activist' };
    case 'DevelopmentCandidateDesignated':
      return { stage: 'DevelopmentCandidate' };
    case 'AdmissionApproved':
      return { stage: 'ProbationaryMember' };
    case 'FullMembershipApproved':
      return { stage: 'FullMember' };
    case 'MembershipStatusChanged':
      return { status: message.data.status };
    case 'ProbationCancelled':
      return { probationCancelled: true };
    case 'MemberCountChanged':
      return { counted: message.data.counted };
    default:
      return {};
  }
}

/**
 * Member facts from the members service's published events (the contract in libs/members/contracts), decoded with
 * its published schemas: who is in which organization and unit, at which stage and status, and whether the member
 * is counted — a fact the members service publishes (`MemberCountChanged`), not a rule this service repeats. A
 * message that fails its schema is poison (`invalid`): dead-lettered, never guessed at. Each member's document takes
 * only the next contiguous version of the member's stream (StreamProjection): every event moves the version on,
 * those that change no fact too, so a lost event stops that member's facts instead of being skipped.
 */
export class MemberFactsProjection {
  private readonly projection: StreamProjection<MemberFactView>;

  constructor(
    private readonly v: Views,
    db: Db,
  ) {
    this.projection = new StreamProjection({
      db,
      name: 'member_facts',
      load: (streamId) => this.v.memberFacts.findOne({ _id: memberIdFromStream(streamId) }),
      versionOf: (fact) => fact?.version ?? 0,
      apply: (envelope, current) => this.apply(envelope, current),
    });
  }

  async handle(envelope: IntegrationEnvelope): Promise<void> {
    decodeOrPoison(decodeMembersMessage, envelope); // refused before it can be parked
    await this.projection.handle(envelope);
  }

  private async apply(envelope: IntegrationEnvelope, loaded: MemberFactView | null): Promise<void> {
    const memberId = memberIdFromStream(envelope.streamId);
    const message = decodeOrPoison(decodeMembersMessage, envelope);
    const change = message ? factChange(message) : {}; // a type published after this version changes no fact
    const current = envelope.type === 'MemberRegistered' ? null : loaded;
    if (envelope.type !== 'MemberRegistered' && !current) throw new Error(`member ${memberId} is not known yet`); // retried, in order
    const next = { ...(current ?? {}), ...change } as Fact;
    const fact: MemberFactView = { ...next, _id: memberId, version: envelope.streamVersion, updatedAt: new Date() };
    // the rosters first: a crash before the fact is written redelivers the event, and the roster writes repeat
    const rosters = memberRosterChanges(memberId, current, fact);
    if (rosters.length) await this.v.memberRosters.bulkWrite(rosters, { ordered: true });
    await this.v.memberFacts.replaceOne({ _id: memberId }, fact, { upsert: true });
  }
}
