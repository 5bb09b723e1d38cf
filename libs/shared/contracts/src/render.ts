import { HEADERS, exampleMessage, headersSchema, messageSchema, schemaFile } from './envelope';
import { type JsonSchema, plainSchema } from './json-schema';
import { type AnyMessage, type ServiceContract } from './message';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
const capitalized = (s: string): string => `${s[0]!.toUpperCase()}${s.slice(1)}`;

/** The key of a message in the AsyncAPI document: its type and version (two versions may be published side by side). */
export const asyncApiMessageKey = (message: AnyMessage): string => `${message.type}.v${message.schemaVersion}`;

/** The headers of one message: the common headers, with its own event type and schema version. */
function messageHeaders(message: AnyMessage): JsonSchema {
  return {
    allOf: [
      { $ref: '#/components/schemas/Headers' },
      {
        type: 'object',
        properties: {
          'event-type': { const: message.type },
          'schema-version': { const: String(message.schemaVersion) },
        },
      },
    ],
  };
}

/** The service's AsyncAPI 3 document: one channel per topic, each message with its headers, key, payload schema and example. */
export function renderAsyncApi(contract: ServiceContract): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const [entity, topic] of Object.entries(contract.topics)) {
    const published = contract.messages.filter((m) => m.topic === topic);
    channels[entity] = {
      address: topic,
      description: `Every event of the ${entity} streams, keyed by stream id (per-stream order). Topic names may carry a deployment prefix.`,
      messages: Object.fromEntries(
        published.map((m) => [asyncApiMessageKey(m), { $ref: `#/components/messages/${asyncApiMessageKey(m)}` }]),
      ),
    };
    operations[`publish${capitalized(entity)}Events`] = {
      action: 'send',
      channel: { $ref: `#/channels/${entity}` },
      messages: published.map((m) => ({ $ref: `#/channels/${entity}/messages/${asyncApiMessageKey(m)}` })),
    };
  }
  for (const m of contract.messages) {
    const example = exampleMessage(m, contract.source);
    messages[asyncApiMessageKey(m)] = {
      name: m.type,
      title: `${m.type} v${m.schemaVersion}`,
      summary: m.description,
      contentType: 'application/json',
      headers: messageHeaders(m),
      payload: { $ref: `../events/schemas/${contract.source}/${m.type}.v${m.schemaVersion}.json` },
      bindings: {
        kafka: {
          key: { type: 'string', description: m.key.description, pattern: m.key.pattern },
          bindingVersion: '0.5.0',
        },
      },
      examples: [
        {
          name: 'example',
          headers: {
            'event-type': m.type,
            'schema-version': String(m.schemaVersion),
            source: contract.source,
            'stream-id': example['streamId'],
          },
          payload: example,
        },
      ],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: { title: contract.title, version: '1.0.0', description: contract.description },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages, schemas: { Headers: headersSchema() } },
  };
}

/** The service's published contract as files: one JSON Schema per message and version, and its AsyncAPI document. */
export function renderContractFiles(contract: ServiceContract): Record<string, string> {
  const files: Record<string, string> = {};
  for (const m of contract.messages) files[schemaFile(m, contract.source)] = json(messageSchema(m, contract.source));
  files[`docs/asyncapi/${contract.source}.asyncapi.json`] = json(renderAsyncApi(contract));
  return files;
}

// ---- the catalog (docs/event-catalog.md) -------------------------------------------------------------------------

type Schema = Record<string, unknown>;

/** The payload's fields in one line: `a, b{c, d}, e[{f, g}]`, optional fields marked `?`. */
export function summarizeFields(schema: Schema): string {
  const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
  const required = new Set((schema['required'] ?? []) as string[]);
  return Object.entries(properties)
    .map(([name, property]) => `${name}${required.has(name) ? '' : '?'}${shape(property)}`)
    .join(', ');
}

function shape(schema: Schema): string {
  const variants = (schema['anyOf'] as Schema[] | undefined) ?? [schema];
  const object = variants.find((v) => v['type'] === 'object' && v['properties']);
  if (object) return `{${summarizeFields(object)}}`;
  const array = variants.find((v) => v['type'] === 'array');
  const items = array?.['items'] as Schema | undefined;
  if (items?.['type'] === 'object' && items['properties']) return `[{${summarizeFields(items)}}]`;
  return '';
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** docs/event-catalog.md: the envelope, the headers, and every message of the given services, from their contracts. */
export function renderEventCatalog(contracts: readonly ServiceContract[]): string {
  const lines: string[] = [
    '# Event catalog',
    '',
    '<!-- Generated by `npm run docs:events` from libs/*/contracts: edit the message definitions, not this file. -->',
    '',
    'Every event the platform publishes on Kafka, as other services and analytics consume it. Messages carry the envelope',
    'below as JSON; the routing fields are repeated as headers. Delivery is at-least-once and in order per stream (the',
    'message key is the stream id): deduplicate by `eventId`, or keep the highest `streamVersion` per `streamId`.',
    'The JSON Schema of each message is in `docs/events/schemas/<service>/<Type>.v<N>.json`; the AsyncAPI 3 document is',
    '`docs/asyncapi/<service>.asyncapi.json`. Each message is defined once, in a folder of its own under',
    '`libs/<service>/contracts/src/messages/` (key, payload, version, example); its TypeScript type, JSON Schema, AsyncAPI',
    'entry and this table come from that definition. A test checks every message a service actually publishes against',
    'its schema, and consumers decode with the same schemas: a message that fails them is dead-lettered (`invalid`).',
    '',
    '**Compatibility.** A new event type is additive: consumers skip types their contract does not list. A new field',
    'or any other change to a payload is a new `schemaVersion` of the type, published beside the old one until every',
    'consumer reads it (the schemas are closed: `additionalProperties: false`).',
    '',
    '## Envelope',
    '| Field | Meaning |',
    '|---|---|',
    '| `eventId` | UUID of the event |',
    '| `type`, `schemaVersion` | e.g. `OrganizationRenamed`, `1` (versioned names: a breaking change is a new version) |',
    `| \`source\` | the service (${contracts.map((c) => `\`${c.source}\``).join(', ')}) |`,
    "| `streamId`, `streamVersion` | the aggregate's stream, which is the message key (`organization-<id>`, `member-<id>`, `project-<id>`, …: each message's key pattern is in its service's AsyncAPI document), and the event's 1-based position in it |",
    "| `globalPosition`, `indexInCommit` | position of the commit in the service's store, and of the event in the commit |",
    '| `occurredAt` | when it was recorded (ISO 8601) |',
    '| `actor`, `district` | who did it, and the district it belongs to |',
    '| `correlationId`, `causationId` | the command that caused it, and what caused that |',
    '| `data` | the payload below |',
    '',
    '## Headers',
    `Every message carries the headers ${HEADERS.filter((h) => h.required)
      .map((h) => `\`${h.name}\``)
      .join(', ')} (strings), and`,
    `${HEADERS.filter((h) => !h.required)
      .map((h) => `\`${h.name}\``)
      .join(', ')} when the envelope's field is not null. Every AsyncAPI document`,
    "describes them the same way: the `Headers` schema, with each message's own `event-type` and `schema-version`.",
  ];
  for (const contract of contracts) {
    lines.push('', `## ${contract.title}`);
    if (contract.catalogNotes) lines.push(contract.catalogNotes.trim());
    for (const [entity, topic] of Object.entries(contract.topics)) {
      const published = contract.messages.filter((m) => m.topic === topic);
      if (published.length === 0) continue;
      lines.push(
        '',
        `### ${capitalized(entity)} (\`${topic}\`)`,
        '| Event | What happened | Payload |',
        '|---|---|---|',
      );
      for (const m of published)
        lines.push(
          `| \`${m.type}\` v${m.schemaVersion} | ${cell(m.description)} | ${cell(summarizeFields(plainSchema(m.payload)))} |`,
        );
    }
  }
  return `${lines.join('\n')}\n`;
}
