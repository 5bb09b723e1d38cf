import { type MessageOf, decoderFor, defineServiceContract } from '@lianjian/contracts';
import { MEMBERS_MESSAGES } from './messages';
import { MEMBERS_TOPICS } from './topics';
import { MEMBERS_UPCASTERS } from './upcasters';

/** The members service's published contract: its topic and every message on it. */
export const MEMBERS_CONTRACT = defineServiceContract({
  source: 'members',
  title: 'Lianjian members events',
  description:
    'Domain events of the members service (党员) as published to Kafka by its outbox relay: at-least-once, in order per member (message key = stream id). Every message is the Lianjian envelope around one event; see docs/event-catalog.md.',
  topics: MEMBERS_TOPICS,
  messages: MEMBERS_MESSAGES,
  upcasters: MEMBERS_UPCASTERS,
  catalogNotes: [
    'Every payload has `memberId` (the member card number) and `organizationId` (the branch). **Personal data**: the',
    'name, citizen ID number and phone appear only as ciphertext (`protectedData.name`, `.idNumber`, `.phone`, format',
    "`v1.<iv>.<tag>.<data>`, enforced by the schema) under the member's own key, which the members service keeps outside",
    'the log; the masked name (`profile.maskedName`, 张*明) is in clear. Free-text reasons (status changes, cancelled',
    "probations, dues reductions) are sealed to the member's key the same way (ADR 0022), and `protectedData.sealingKey`",
    "is the member's public key other services seal to. After `PersonalDataErased` the key no longer exists: the",
    "ciphertext in the store, on Kafka and in any consumer's copy is unreadable for good. Consumers must not expect to",
    'decrypt it; statistics need none of it.',
    '**Derived facts**: whether a member is counted in their organization (a probationary or full member whose',
    "membership has not ended) is the members service's rule; it publishes the result as `MemberCountChanged`, and",
    'consumers read that instead of re-deriving the rule from stages and statuses.',
    '**Transfers** (组织关系转接): the workflow of each transfer (initiated, approved or sent back along its approval',
    'path, letter issued, accepted or rejected, revoked, expired, renewed) is on `lianjian.members.transfer.v1`, keyed',
    'by the transfer; the member landing is `MemberTransferred` on the member topic, with the organizations and',
    'districts on both sides, the scope and the cause (a transfer, or the whole organization moved or merged): count',
    'transfers in and out per organization, district and scope from it alone. Consumers deduplicate by `eventId`.',
    '**Mobility and community registration** (流动党员, 在职党员到社区报到; ADR 0025): flow-outs and flow-ins of a member',
    'are on `lianjian.members.mobility.v1` (keyed by the member: `mobility-<memberId>`), a registration with a community',
    'and the services and feedback it records on `lianjian.members.community-registration.v1` (keyed by member and',
    "community); none moves the formal relationship, and `organizationId` is the member's branch when the event was",
    "recorded (the branch a community's feedback reaches). Contacts and the community's words are sealed to the",
    "member's key; places, organization names, service kinds, hours and ratings are in clear. Lost contact marked from a",
    'flow-out is `ContactLost` on the member topic.',
  ].join('\n'),
});

/** Every message the members service publishes (type, version, topic, key, payload schema, example). */
export const MEMBERS_EVENTS = MEMBERS_MESSAGES;

/** A decoded members message: the envelope, typed by `type`, around its payload. */
export type MembersMessage = MessageOf<(typeof MEMBERS_MESSAGES)[number]>;

/**
 * Checks a message against the members service's published schemas and returns it typed; `null` for a type this
 * contract does not list. Throws `ContractViolationError` otherwise.
 */
export const decodeMembersMessage = (envelope: unknown): MembersMessage | null =>
  decoderFor(MEMBERS_CONTRACT).decode(envelope);
