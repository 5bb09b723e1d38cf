import { type Collection, type Db } from 'mongodb';
import { isDuplicateKeyError } from '@lianjian/event-store';
import { type IntegrationEnvelope, StreamProjection, decodeOrPoison } from '@lianjian/messaging';
import {
  ORGANIZATIONS_EVENTS,
  ORGANIZATIONS_TOPICS,
  type OrganizationsMessage,
  decodeOrganizationsMessage,
  idFromStream,
} from '@lianjian/organizations-contracts';
import { type OrganizationEvent, evolveOrganization } from '@lianjian/organizations-domain';
import { type TimelineHead, type Views, treeViews } from './views';
import { timelineEntryId } from '../application/list-keys';
import { type TimelineEntry } from '../application/read-models';

/** The business date an event takes effect on. */
export function effectiveDateOf(event: OrganizationEvent): string {
  switch (event.type) {
    case 'OrganizationEstablished':
      return event.data.establishedOn;
    case 'LeadershipElected':
      return event.data.electedOn;
    default:
      return event.data.effectiveOn;
  }
}

const ORGANIZATION_EVENT_TYPES = new Set<string>(
  ORGANIZATIONS_EVENTS.filter((m) => m.topic === ORGANIZATIONS_TOPICS.organization).map((m) => m.type),
);
/** An event of an organization's stream (the messages of the organization topic, which are the domain's events). */
const isOrganizationEvent = (
  message: OrganizationsMessage,
): message is Extract<OrganizationsMessage, { type: OrganizationEvent['type'] }> =>
  ORGANIZATION_EVENT_TYPES.has(message.type);

/**
 * The organization timeline, fed from Kafka (the organizations service consumes its own published stream, as
 * any analytics consumer would): one entry per version, valid from its effective date until the next one's.
 * It answers the history of an organization and the tree as it stood on any past date.
 *
 * Each organization takes only the next contiguous version of its stream (StreamProjection): an event after a gap
 * is parked until the missing one arrives. The version applied is kept in a small head document per organization
 * (`{_id: organizationId, version}`, in `organization_timeline_heads`): one key tells the projection where the
 * organization stands, without knowing which version to probe for, and the history reads its entries by their
 * keys. The head is written last: a redelivery after a crash between the entry and the head writes nothing new
 * (the entry's id is `organizationId:version`, the previous entry's `validTo` is set to the same date again).
 */
export class TimelineProjection {
  private readonly projection: StreamProjection<TimelineHead>;
  private readonly heads: Collection<TimelineHead>;

  constructor(
    private readonly v: Views,
    db: Db,
  ) {
    this.heads = treeViews(db).timelineHeads;
    this.projection = new StreamProjection({
      db,
      name: 'organization_timeline',
      load: (streamId) => this.heads.findOne({ _id: idFromStream(streamId) }),
      versionOf: (head) => head?.version ?? 0,
      apply: (envelope) => this.apply(envelope),
    });
  }

  /** Decoded with the published schema first, as any consumer decodes: an event that fails it is poison (`invalid`). */
  async handle(envelope: IntegrationEnvelope): Promise<void> {
    decodeOrPoison(decodeOrganizationsMessage, envelope);
    await this.projection.handle(envelope);
  }

  /** Applies the next version of an organization's stream (StreamProjection guarantees the one before is applied). */
  private async apply(envelope: IntegrationEnvelope): Promise<void> {
    const organizationId = idFromStream(envelope.streamId);
    const message = decodeOrPoison(decodeOrganizationsMessage, envelope);
    const event: OrganizationEvent | null = message && isOrganizationEvent(message) ? message : null;
    const previous =
      envelope.streamVersion > 1
        ? await this.v.timeline.findOne({ _id: timelineEntryId(organizationId, envelope.streamVersion - 1) })
        : null;
    const state = event ? evolveOrganization(previous?.state ?? null, event) : null;
    if (event && state) {
      const effectiveOn = effectiveDateOf(event);
      // The deciders refuse a change dated before the organization's last one (ADR 0008); a stream written before
      // that rule may hold one (a back-dated election). Its version then starts where the previous one started, so
      // no entry ends before it starts and the versions stay in order on the time line.
      const validFrom = previous && effectiveOn < previous.validFrom ? previous.validFrom : effectiveOn;
      const entry: TimelineEntry = {
        _id: timelineEntryId(organizationId, envelope.streamVersion),
        organizationId,
        version: envelope.streamVersion,
        eventType: envelope.type,
        effectiveOn,
        recordedAt: new Date(envelope.occurredAt),
        actor: envelope.actor,
        validFrom,
        validTo: null,
        state,
      };
      try {
        await this.v.timeline.insertOne(entry);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      if (previous) await this.v.timeline.updateOne({ _id: previous._id }, { $set: { validTo: validFrom } });
    }
    // an event that makes no state (not possible on a valid stream), or of a type published after this version,
    // still moves the head: the stream goes on
    await this.heads.replaceOne({ _id: organizationId }, { version: envelope.streamVersion }, { upsert: true });
  }
}
