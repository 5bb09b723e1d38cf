import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { isDuplicateKeyError } from '@lianjian/event-store';
import { type IntegrationEnvelope, applyIfNewer } from '@lianjian/messaging';
import { MEMBERS_TOPICS, memberIdFromStream } from '@lianjian/members-contracts';
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
 * which organization and unit, at which stage and status. Position-guarded per member (stream version), so
 * redeliveries change nothing.
 */
export class MemberFactsProjection {
  constructor(private readonly v: Views) {}

  async handle(envelope: IntegrationEnvelope): Promise<void> {
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
    if (Object.keys(change).length === 0) return; // dues, meetings…: nothing the organizations service keeps
    if (envelope.type === 'MemberRegistered') {
      const fact: MemberFactView = { _id: memberId, version: envelope.streamVersion, ...(change as Fact), counted: counted(change as Fact), updatedAt: new Date() };
      try {
        await this.v.memberFacts.insertOne(fact);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error; // redelivered
      }
      return;
    }
    const current = await this.v.memberFacts.findOne({ _id: memberId });
    if (!current) throw new Error(`member ${memberId} is not known yet`); // retried, in order
    if (current.version >= envelope.streamVersion) return; // redelivered
    const next = { ...current, ...change };
    await applyIfNewer(this.v.memberFacts, memberId, envelope.streamVersion, { $set: { ...change, counted: counted(next), updatedAt: new Date() } });
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
