import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type Db } from 'mongodb';
import { type IntegrationEnvelope, StreamProjection } from '@lianjian/messaging';
import { MEMBERS_TOPICS, memberIdFromStream } from '@lianjian/members-contracts';
import { memberRosterChanges } from './member-rosters';
import { type MemberFactView, type Views } from './views';

const ENDED = new Set(['Expelled', 'Withdrawn', 'Deceased', 'TransferredOut']);
const STAGE_BY_EVENT: Readonly<Record<string, string>> = {
  ActivistDesignated: 'Activist',
  DevelopmentCandidateDesignated: 'DevelopmentCandidate',
  AdmissionApproved: 'ProbationaryMember',
  FullMembershipApproved: 'FullMember',
};

type Fact = Pick<MemberFactView, 'organizationId' | 'unitId' | 'stage' | 'status' | 'probationCancelled'>;
const counted = (f: Fact): boolean => (f.stage === 'ProbationaryMember' || f.stage === 'FullMember') && !ENDED.has(f.status) && !f.probationCancelled;

/**
 * Member facts from the members service's published events (the contract in libs/members/contracts): who is in
 * which organization and unit, at which stage and status. Each member's document takes only the next contiguous
 * version of the member's stream (StreamProjection): every event moves the version on, those that change no fact
 * too, so a lost event stops that member's facts instead of being skipped.
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

  handle(envelope: IntegrationEnvelope): Promise<void> {
    return this.projection.handle(envelope);
  }

  private async apply(envelope: IntegrationEnvelope, loaded: MemberFactView | null): Promise<void> {
    const memberId = memberIdFromStream(envelope.streamId);
    const data = envelope.data;
    let change: Partial<Fact> = {};
    if (envelope.type === 'MemberRegistered') {
      const profile = data['profile'] as { unitId: string | null };
      change = { organizationId: String(data['organizationId']), unitId: profile.unitId, stage: String(data['stage']), status: String(data['status']), probationCancelled: false };
    } else if (STAGE_BY_EVENT[envelope.type]) {
      change = { stage: STAGE_BY_EVENT[envelope.type]! };
    } else if (envelope.type === 'MembershipStatusChanged') {
      change = { status: String(data['status']) };
    } else if (envelope.type === 'ProbationCancelled') {
      change = { probationCancelled: true };
    }
    const current = envelope.type === 'MemberRegistered' ? null : loaded;
    if (envelope.type !== 'MemberRegistered' && !current) throw new Error(`member ${memberId} is not known yet`); // retried, in order
    const next = { ...(current ?? {}), ...change } as Fact;
    const fact: MemberFactView = { ...next, _id: memberId, version: envelope.streamVersion, counted: counted(next), updatedAt: new Date() };
    // the rosters first: a crash before the fact is written redelivers the event, and the roster writes repeat
    const rosters = memberRosterChanges(memberId, current, fact);
    if (rosters.length) await this.v.memberRosters.bulkWrite(rosters, { ordered: true });
    await this.v.memberFacts.replaceOne({ _id: memberId }, fact, { upsert: true });
  }
}

/** Feeds the member facts from the members topic (a Nest microservice handler over our Kafka transport). */
@Controller()
export class MemberFactsController {
  constructor(private readonly facts: MemberFactsProjection) {}

  @EventPattern(MEMBERS_TOPICS.member)
  project(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    return this.facts.handle(envelope);
  }
}
