import { type IHeaders } from 'kafkajs';
import { type Envelope } from '@lianjian/contracts';
import { type RecordedEvent } from '@lianjian/event-store';

/**
 * What every message on Kafka carries: the event store's envelope, with dates as ISO strings — the published
 * contract's `Envelope` (one definition, with its JSON Schema in @lianjian/contracts), its payload not yet decoded.
 */
export type IntegrationEnvelope<Data = Record<string, unknown>> = Envelope<string, number, Data>;

export function toEnvelope(source: string, event: RecordedEvent): IntegrationEnvelope {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    source,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition,
    indexInCommit: event.indexInCommit,
    occurredAt: event.occurredAt.toISOString(),
    actor: event.actor,
    district: event.district,
    correlationId: event.correlationId,
    causationId: event.causationId,
    data: event.data,
  };
}

/** The envelope's routing fields, repeated as Kafka headers so consumers can filter without parsing. */
export function envelopeHeaders(envelope: IntegrationEnvelope): IHeaders {
  const headers: IHeaders = {
    'event-id': envelope.eventId,
    'event-type': envelope.type,
    'schema-version': String(envelope.schemaVersion),
    source: envelope.source,
    'stream-id': envelope.streamId,
    'stream-version': String(envelope.streamVersion),
    'global-position': String(envelope.globalPosition),
    'occurred-at': envelope.occurredAt,
  };
  if (envelope.district) headers['district'] = envelope.district;
  if (envelope.correlationId) headers['correlation-id'] = envelope.correlationId;
  if (envelope.causationId) headers['causation-id'] = envelope.causationId;
  return headers;
}

export function parseEnvelope(value: Buffer | null): IntegrationEnvelope {
  if (!value) throw new Error('message has no value');
  const parsed = JSON.parse(value.toString('utf8')) as Partial<IntegrationEnvelope>;
  for (const field of ['eventId', 'type', 'streamId'] as const) {
    if (typeof parsed[field] !== 'string') throw new Error(`envelope field ${field} is missing`);
  }
  if (typeof parsed.streamVersion !== 'number') throw new Error('envelope field streamVersion is missing');
  return parsed as IntegrationEnvelope;
}
