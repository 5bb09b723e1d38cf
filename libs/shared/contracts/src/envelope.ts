import { type JsonSchema, plainSchema } from './json-schema';
import { type AnyMessage } from './message';

const text = { type: 'string', minLength: 1 } as const;
const nullableText = { type: ['string', 'null'] } as const;

/** The fields of the envelope, in the order the published schemas list them. */
export const ENVELOPE_FIELDS = [
  'eventId',
  'type',
  'schemaVersion',
  'source',
  'streamId',
  'streamVersion',
  'globalPosition',
  'indexInCommit',
  'occurredAt',
  'actor',
  'district',
  'correlationId',
  'causationId',
  'data',
] as const;

/** The published JSON Schema of one message: the envelope every Lianjian event carries, around its payload. */
export function messageSchema(message: AnyMessage, source: string): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: schemaId(message, source),
    title: `${message.type} v${message.schemaVersion}`,
    description: message.description,
    type: 'object',
    additionalProperties: false,
    required: [...ENVELOPE_FIELDS],
    properties: {
      eventId: { type: 'string', format: 'uuid' },
      type: { const: message.type },
      schemaVersion: { const: message.schemaVersion },
      source: { const: source },
      streamId: { type: 'string', pattern: message.key.pattern },
      streamVersion: { type: 'integer', minimum: 1 },
      globalPosition: { type: 'integer', minimum: 1 },
      indexInCommit: { type: 'integer', minimum: 0 },
      occurredAt: { type: 'string', format: 'date-time' },
      actor: text,
      district: nullableText,
      correlationId: nullableText,
      causationId: nullableText,
      data: plainSchema(message.payload),
    },
  };
}

export const schemaId = (message: AnyMessage, source: string): string =>
  `https://lianjian.example/events/${source}/${message.type}.v${message.schemaVersion}.json`;

/** Where the message's schema is published, relative to the repository root. */
export const schemaFile = (message: AnyMessage, source: string): string =>
  `docs/events/schemas/${source}/${message.type}.v${message.schemaVersion}.json`;

/** The Kafka headers the outbox relay sets on every message (the envelope's routing fields, as strings). */
export const HEADERS: ReadonlyArray<{ readonly name: string; readonly field: string; readonly required: boolean }> = [
  { name: 'event-id', field: 'eventId', required: true },
  { name: 'event-type', field: 'type', required: true },
  { name: 'schema-version', field: 'schemaVersion', required: true },
  { name: 'source', field: 'source', required: true },
  { name: 'stream-id', field: 'streamId', required: true },
  { name: 'stream-version', field: 'streamVersion', required: true },
  { name: 'global-position', field: 'globalPosition', required: true },
  { name: 'occurred-at', field: 'occurredAt', required: true },
  { name: 'district', field: 'district', required: false },
  { name: 'correlation-id', field: 'correlationId', required: false },
  { name: 'causation-id', field: 'causationId', required: false },
];

/** The headers of every message as one JSON Schema (absent when the envelope's field is null). */
export const headersSchema = (): JsonSchema => ({
  type: 'object',
  description: "The envelope's routing fields, repeated as Kafka headers (strings); a null field has no header.",
  properties: Object.fromEntries(
    HEADERS.map((h) => [h.name, { type: 'string', description: `the envelope's ${h.field}` }]),
  ),
  required: HEADERS.filter((h) => h.required).map((h) => h.name),
});

/** A complete example message of a definition, around its example payload (fixed ids and times: docs are stable). */
export function exampleMessage(message: AnyMessage, source: string): Record<string, unknown> {
  return {
    eventId: '5f0c8a4e-4f5e-4d5c-9a3b-2b1f0e9d8c7b',
    type: message.type,
    schemaVersion: message.schemaVersion,
    source,
    streamId: message.key.of(message.example),
    streamVersion: 1,
    globalPosition: 1,
    indexInCommit: 0,
    occurredAt: '2026-11-22T08:00:00.000Z',
    actor: 'user-1',
    district: 'huangpu',
    correlationId: '0b9d8c7a-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
    causationId: null,
    data: message.example,
  };
}
