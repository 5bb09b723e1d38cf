import { type Db } from 'mongodb';
import { findByKeys } from '@lianjian/event-store';
import {
  type IntegrationEnvelope,
  StreamBatchProjection,
  type StreamChange,
  decodeOrPoison,
} from '@lianjian/messaging';
import {
  type MembersMessage,
  decodeMembersMessage,
  memberIdFromStream,
  memberStreamId,
} from '@lianjian/members-contracts';
import { memberRosterChanges, mergeRosterChanges } from './rosters';
import { type MemberFactView, type Views } from './views';

type Fact = Pick<
  MemberFactView,
  'organizationId' | 'unitId' | 'stage' | 'status' | 'probationCancelled' | 'counted' | 'sealingKey'
>;

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
        sealingKey: d.protectedData.sealingKey,
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
    case 'MemberTransferred':
      // the member's branch after the move (out of the city, the one left: not counted any more, its own fact)
      return { organizationId: message.data.organizationId };
    case 'PersonalDataErased':
      return { sealingKey: null }; // the key behind it is destroyed: nothing more is sealed to it
    default:
      return {};
  }
}

/**
 * Member facts from the members service's published events (the contract in libs/members/contracts), decoded with
 * its published schemas: who is in which organization and unit, at which stage and status, and whether the member
 * is counted — a fact the members service publishes (`MemberCountChanged`), not a rule this service repeats. A
 * message that fails its schema is poison (`invalid`): dead-lettered, never guessed at. Each member's document takes
 * only the next contiguous version of the member's stream (StreamBatchProjection): every event moves the version
 * on, those that change no fact too, so a lost event stops that member's facts instead of being skipped.
 *
 * Events come in batches (a bulk import publishes two per member): the batch's facts are read by key at once,
 * folded in memory, and written with the rosters' net change in two bulk writes.
 */
export class MemberFactsProjection {
  private readonly projection: StreamBatchProjection<MemberFactView>;

  constructor(
    private readonly v: Views,
    db: Db,
  ) {
    this.projection = new StreamBatchProjection({
      db,
      name: 'member_facts',
      loadMany: async (streamIds) =>
        new Map((await findByKeys(this.v.memberFacts, streamIds.map(memberIdFromStream))).map((f) => [streamOf(f), f])),
      versionOf: (fact) => fact?.version ?? 0,
      evolve: (envelope, current) => evolveFact(envelope, current),
      save: (changes) => this.save(changes),
    });
  }

  handle(envelope: IntegrationEnvelope): Promise<void> {
    return this.handleBatch([envelope]);
  }

  async handleBatch(envelopes: readonly IntegrationEnvelope[]): Promise<void> {
    for (const envelope of envelopes) decodeOrPoison(decodeMembersMessage, envelope); // refused before it can be parked
    await this.projection.handleBatch(envelopes);
  }

  /** The rosters first: a crash before the facts are written redelivers the batch, and the roster writes repeat. */
  private async save(changes: ReadonlyArray<StreamChange<MemberFactView>>): Promise<void> {
    const rosters = mergeRosterChanges(
      changes.flatMap(({ before, after }) => memberRosterChanges(after._id, before, after)),
    );
    if (rosters.length) await this.v.memberRosters.bulkWrite(rosters, { ordered: true });
    await this.v.memberFacts.bulkWrite(
      changes.map(({ after }) => ({ replaceOne: { filter: { _id: after._id }, replacement: after, upsert: true } })),
      { ordered: false },
    );
  }
}

const streamOf = (fact: MemberFactView): string => memberStreamId(fact._id);

/** The member's facts after the next event of its stream (pure). */
function evolveFact(envelope: IntegrationEnvelope, loaded: MemberFactView | null): MemberFactView {
  const memberId = memberIdFromStream(envelope.streamId);
  const message = decodeOrPoison(decodeMembersMessage, envelope);
  const change = message ? factChange(message) : {}; // a type published after this version changes no fact
  const current = envelope.type === 'MemberRegistered' ? null : loaded;
  if (envelope.type !== 'MemberRegistered' && !current) throw new Error(`member ${memberId} is not known yet`); // retried, in order
  const next = { ...(current ?? {}), ...change } as Fact;
  return { ...next, _id: memberId, version: envelope.streamVersion, updatedAt: new Date(envelope.occurredAt) };
}
