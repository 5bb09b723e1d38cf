import { isDuplicateKeyError } from '@lianjian/event-store';
import { type IntegrationEnvelope } from '@lianjian/messaging';
import { idFromStream } from '@lianjian/organizations-contracts';
import { type OrganizationEvent, evolveOrganization } from '@lianjian/organizations-domain';
import { type TimelineEntry, type Views } from './views';

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

/**
 * The organization timeline, fed from Kafka (the organizations service consumes its own published stream, as
 * any analytics consumer would): one entry per version, valid from its effective date until the next one's.
 * It answers the history of an organization and the tree as it stood on any past date. Effectively-once: the
 * entry id is `organizationId:version`, so a redelivered event inserts nothing.
 */
export class TimelineProjection {
  constructor(private readonly v: Views) {}

  async handle(envelope: IntegrationEnvelope): Promise<void> {
    const organizationId = idFromStream(envelope.streamId);
    const event = { type: envelope.type, data: envelope.data } as unknown as OrganizationEvent;
    const previous =
      envelope.streamVersion > 1
        ? await this.v.timeline.findOne({ _id: `${organizationId}:${envelope.streamVersion - 1}` })
        : null;
    if (envelope.streamVersion > 1 && !previous) {
      throw new Error(`timeline of ${organizationId} misses version ${envelope.streamVersion - 1}`); // retried, then dead-lettered
    }
    const state = evolveOrganization(previous?.state ?? null, event);
    if (!state) return;
    const effectiveOn = effectiveDateOf(event);
    const entry: TimelineEntry = {
      _id: `${organizationId}:${envelope.streamVersion}`,
      organizationId,
      version: envelope.streamVersion,
      eventType: envelope.type,
      effectiveOn,
      recordedAt: new Date(envelope.occurredAt),
      actor: envelope.actor,
      validFrom: effectiveOn,
      validTo: null,
      state,
    };
    try {
      await this.v.timeline.insertOne(entry);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    if (previous) await this.v.timeline.updateOne({ _id: previous._id }, { $set: { validTo: effectiveOn } });
  }
}
