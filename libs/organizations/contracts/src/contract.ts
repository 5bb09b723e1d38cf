import { type MessageOf, decoderFor, defineServiceContract } from '@lianjian/contracts';
import { ORGANIZATIONS_MESSAGES } from './messages';
import { ORGANIZATIONS_TOPICS } from './topics';
import { ORGANIZATIONS_UPCASTERS } from './upcasters';

/** The organizations service's published contract: its topics and every message on them. */
export const ORGANIZATIONS_CONTRACT = defineServiceContract({
  source: 'organizations',
  title: 'Lianjian organizations events',
  description:
    'Domain events of the organizations service (organization tree, units, buildings, service points, meetings) as published to Kafka by its outbox relay: at-least-once, in order per stream (message key = stream id). Deduplicate by eventId, or by streamId + streamVersion.',
  topics: ORGANIZATIONS_TOPICS,
  messages: ORGANIZATIONS_MESSAGES,
  upcasters: ORGANIZATIONS_UPCASTERS,
  catalogNotes:
    "**Personal data** (ADR 0022): people named in leadership and meeting records carry the member card number and the masked name (张*明) only — never the full name, which is the members service's (`Member.name` through the graph). An absence reason is sealed to the member's public key (`protectedData.sealingKey` of `MemberRegistered`): only the members service can open it, and nobody once the member's data is erased. Transfers, project events (`ProjectRated`) and evaluation events arrive with their services.",
});

/** Every message the organizations service publishes (type, version, topic, key, payload schema, example). */
export const ORGANIZATIONS_EVENTS = ORGANIZATIONS_MESSAGES;

/** A decoded organizations message: the envelope, typed by `type`, around its payload. */
export type OrganizationsMessage = MessageOf<(typeof ORGANIZATIONS_MESSAGES)[number]>;

/**
 * Checks a message against the organizations service's published schemas and returns it typed; `null` for a type
 * this contract does not list. Throws `ContractViolationError` otherwise.
 */
export const decodeOrganizationsMessage = (envelope: unknown): OrganizationsMessage | null =>
  decoderFor(ORGANIZATIONS_CONTRACT).decode(envelope);
