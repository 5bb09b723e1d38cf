import { messageSchema } from '@lianjian/organizations-contracts';
import { MEMBERS_EVENTS } from './schemas';
import { MEMBERS_TOPICS } from './topics';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** The members service's published contract as files: one JSON Schema per event and its AsyncAPI 3 document. */
export function renderMembersEventDocs(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const event of MEMBERS_EVENTS) {
    files[`docs/events/schemas/members/${event.type}.v${event.schemaVersion}.json`] = json(messageSchema(event, 'members'));
  }
  files['docs/asyncapi/members.asyncapi.json'] = json({
    asyncapi: '3.0.0',
    info: { title: 'Lianjian members events', version: '1.0.0', description: 'Domain events of the members service (党员). Every message is the Lianjian envelope around one event; see docs/event-catalog.md.' },
    channels: {
      member: {
        address: MEMBERS_TOPICS.member,
        description: 'Every event of the member streams, keyed by stream id (per-member order). Topic names may carry a deployment prefix.',
        messages: Object.fromEntries(MEMBERS_EVENTS.map((e) => [e.type, { $ref: `#/components/messages/${e.type}` }])),
      },
    },
    operations: {
      publishMemberEvents: { action: 'send', channel: { $ref: '#/channels/member' }, messages: MEMBERS_EVENTS.map((e) => ({ $ref: `#/channels/member/messages/${e.type}` })) },
    },
    components: {
      messages: Object.fromEntries(MEMBERS_EVENTS.map((e) => [e.type, {
        name: e.type,
        title: `${e.type} v${e.schemaVersion}`,
        summary: e.description,
        contentType: 'application/json',
        headers: { type: 'object', properties: { 'event-type': { const: e.type }, 'schema-version': { const: String(e.schemaVersion) } } },
        payload: { $ref: `../events/schemas/members/${e.type}.v${e.schemaVersion}.json` },
      }])),
    },
  });
  return files;
}
