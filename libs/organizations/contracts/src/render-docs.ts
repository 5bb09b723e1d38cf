import { ORGANIZATIONS_EVENTS, messageSchema } from './schemas';
import { ORGANIZATIONS_TOPICS } from './topics';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** The published contract as files: one JSON Schema per event, and the AsyncAPI 3 document of the service. */
export function renderEventDocs(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const event of ORGANIZATIONS_EVENTS) {
    files[`docs/events/schemas/organizations/${event.type}.v${event.schemaVersion}.json`] = json(messageSchema(event));
  }
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const [entity, topic] of Object.entries(ORGANIZATIONS_TOPICS)) {
    const events = ORGANIZATIONS_EVENTS.filter((e) => e.topic === topic);
    channels[entity] = {
      address: topic,
      description: `Every event of the ${entity} streams, keyed by stream id (per-stream order). Topic names may carry a deployment prefix.`,
      messages: Object.fromEntries(events.map((e) => [e.type, { $ref: `#/components/messages/${e.type}` }])),
    };
    operations[`publish${entity[0]!.toUpperCase()}${entity.slice(1)}Events`] = {
      action: 'send',
      channel: { $ref: `#/channels/${entity}` },
      messages: events.map((e) => ({ $ref: `#/channels/${entity}/messages/${e.type}` })),
    };
  }
  for (const event of ORGANIZATIONS_EVENTS) {
    messages[event.type] = {
      name: event.type,
      title: `${event.type} v${event.schemaVersion}`,
      summary: event.description,
      contentType: 'application/json',
      headers: { $ref: '#/components/schemas/Headers' },
      payload: { $ref: `../events/schemas/organizations/${event.type}.v${event.schemaVersion}.json` },
    };
  }
  files['docs/asyncapi/organizations.asyncapi.json'] = json({
    asyncapi: '3.0.0',
    info: {
      title: 'Lianjian organizations events',
      version: '1.0.0',
      description:
        'Domain events of the organizations service (organization tree, units, buildings, service points) as published to Kafka by its outbox relay: at-least-once, in order per stream (message key = stream id). Deduplicate by eventId, or by streamId + streamVersion.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: {
      messages,
      schemas: {
        Headers: {
          type: 'object',
          description: "The envelope's routing fields, repeated as Kafka headers.",
          properties: Object.fromEntries(
            ['event-id', 'event-type', 'schema-version', 'source', 'stream-id', 'stream-version', 'global-position', 'occurred-at', 'district', 'correlation-id', 'causation-id'].map((h) => [h, { type: 'string' }]),
          ),
          required: ['event-id', 'event-type', 'schema-version', 'source', 'stream-id', 'stream-version', 'global-position', 'occurred-at'],
        },
      },
    },
  });
  return files;
}
