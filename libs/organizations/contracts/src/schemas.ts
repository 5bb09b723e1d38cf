import { ORGANIZATIONS_TOPICS } from './topics';

/** A JSON Schema (draft 2020-12) as a plain object. */
export type JsonSchema = Readonly<Record<string, unknown>>;

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const text = { type: 'string', minLength: 1 } as const;
const nullableText = { type: ['string', 'null'] } as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const organizationType = {
  enum: ['Committee', 'WorkingCommittee', 'GeneralBranch', 'Branch', 'JointBranch', 'MobileMembersBranch', 'ProvisionalBranch', 'PartyGroup'],
} as const;
const region = {
  type: 'object',
  required: ['district', 'street', 'community'],
  additionalProperties: false,
  properties: { district: nullableText, street: nullableText, community: nullableText },
} as const;
const person = {
  type: 'object',
  required: ['name', 'memberId'],
  additionalProperties: false,
  properties: { name: text, memberId: nullableText },
} as const;
const unitKind = { enum: ['Enterprise', 'SocialOrganization', 'Institution', 'StateOwnedEnterprise', 'School', 'Hospital', 'GovernmentAgency', 'Other'] } as const;

const object = (properties: Record<string, unknown>, optional: readonly string[] = []): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
});

const unitProfile = {
  name: text,
  kind: unitKind,
  industry: { type: 'string' },
  employees: { type: 'integer', minimum: 0 },
  aboveScale: { type: 'boolean' },
  buildingId: nullableText,
  region,
};

export interface PublishedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly topic: string;
  readonly description: string;
  readonly data: JsonSchema;
}

/** Every event the organizations service publishes, with its payload schema: the contract analytics rely on. */
export const ORGANIZATIONS_EVENTS: readonly PublishedEvent[] = [
  { type: 'OrganizationEstablished', schemaVersion: 1, topic: ORGANIZATIONS_TOPICS.organization, description: 'A party organization was established (成立) under its parent.',
    data: object({ organizationId: id, name: text, organizationType, parentId: { type: ['string', 'null'] }, region, buildingId: nullableText, establishedOn: date, documentNumber: text }) },
  { type: 'OrganizationRenamed', schemaVersion: 1, topic: ORGANIZATIONS_TOPICS.organization, description: 'An organization was renamed.',
    data: object({ organizationId: id, name: text, previousName: text, effectiveOn: date }) },
  { type: 'OrganizationTypeChanged', schemaVersion: 1, topic: ORGANIZATIONS_TOPICS.organization, description: 'An organization changed type (e.g. branch to general branch).',
    data: object({ organizationId: id, organizationType, previousType: organizationType, effectiveOn: date, documentNumber: nullableText }) },
  { type: 'OrganizationReparented', schemaVersion: 1, topic: ORGANIZATIONS_TOPICS.organization, description: 'An organization moved under another parent in its district (隶属关系调整).',
    data: object({ organizationId: id, parentId: id, previousParentId: nullableText, effectiveOn: date, documentNumber: nullableText }) },
  { type: 'OrganizationTransferredToDistrict', schemaVersion: 1, topic: ORGANIZATIONS_TOPICS.organization, description: 'A whole organization, with its subtree, moved to another district (整建制转移).',
    data: object({ organizationId: id, region, previousRegion: region, parentId: id, previousParentId: nullableText, effectiveOn: date, documentNumber: text }) },
  { type: 'OrganizationMerged', schemaVersion: 1, topic: ORGANIZATIONS_TOPICS.organization, description: 'An organization was merged into another.',
    data: object({ organizationId: id, mergedIntoId: id, effectiveOn: date, documentNumber: text }) },
  { type: 'OrganizationDissolved', schemaVersion: 1, topic: ORGANIZATIONS_TOPICS.organization, description: 'An organization was dissolved (撤销).',
    data: object({ organizationId: id, reason: text, effectiveOn: date, documentNumber: text }) },
  { type: 'LeadershipElected', schemaVersion: 1, topic: ORGANIZATIONS_TOPICS.organization, description: 'A leadership was elected for a term (换届); it replaces the current one.',
    data: object({ organizationId: id, electedOn: date, termYears: { type: 'integer', minimum: 1 }, termEndsOn: date, secretary: person, deputySecretaries: { type: 'array', items: person }, committeeMembers: { type: 'array', items: person } }) },
  { type: 'UnitsCovered', schemaVersion: 1, topic: ORGANIZATIONS_TOPICS.organization, description: 'An organization now covers these units.',
    data: object({ organizationId: id, unitIds: { type: 'array', items: id, minItems: 1 }, effectiveOn: date }) },
  { type: 'UnitsUncovered', schemaVersion: 1, topic: ORGANIZATIONS_TOPICS.organization, description: 'An organization no longer covers these units.',
    data: object({ organizationId: id, unitIds: { type: 'array', items: id, minItems: 1 }, effectiveOn: date }) },
  { type: 'UnitRegistered', schemaVersion: 1, topic: ORGANIZATIONS_TOPICS.unit, description: 'A unit (enterprise, social organization, institution…) was registered.',
    data: object({ unitId: id, ...unitProfile }) },
  { type: 'UnitProfileUpdated', schemaVersion: 1, topic: ORGANIZATIONS_TOPICS.unit, description: "A unit's profile changed; only the changed fields are present.",
    data: object({ unitId: id, ...unitProfile }, Object.keys(unitProfile)) },
  { type: 'BuildingRegistered', schemaVersion: 1, topic: ORGANIZATIONS_TOPICS.building, description: 'A building, park or business district was registered.',
    data: object({ buildingId: id, name: text, kind: { enum: ['Building', 'Park', 'BusinessDistrict'] }, address: { type: 'string' }, region }) },
  { type: 'ServicePointOpened', schemaVersion: 1, topic: ORGANIZATIONS_TOPICS.servicePoint, description: 'A service point or station opened (not an organization).',
    data: object({ servicePointId: id, name: text, kind: { enum: ['ServicePoint', 'ServiceStation'] }, hostOrganizationId: id, buildingId: nullableText, region, openedOn: date }) },
  { type: 'ServicePointClosed', schemaVersion: 1, topic: ORGANIZATIONS_TOPICS.servicePoint, description: 'A service point or station closed.',
    data: object({ servicePointId: id, closedOn: date }) },
  { type: 'MeetingRecorded', schemaVersion: 1, topic: ORGANIZATIONS_TOPICS.meeting, description: 'An organizational-life meeting (三会一课, theme day, annual review) was held; attendance reaches the members service from this event.',
    data: object({
      meetingId: id, organizationId: id,
      meetingType: { enum: ['MembersMeeting', 'CommitteeMeeting', 'PartyGroupMeeting', 'PartyLesson', 'ThemeDay', 'AnnualReviewMeeting'] },
      heldOn: date, host: person, recorder: person,
      attendeeIds: { type: 'array', items: id },
      absentees: { type: 'array', items: object({ memberId: id, reason: { type: 'string' } }) },
      topics: { type: 'array', items: text },
      resolutions: { type: 'array', items: object({ text, inFavour: { type: 'integer', minimum: 0 }, against: { type: 'integer', minimum: 0 }, abstained: { type: 'integer', minimum: 0 } }) },
    }) },
];

/** The full message schema: the envelope every Lianjian event carries, around one event's payload. */
export function messageSchema(event: PublishedEvent, source = 'organizations'): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://lianjian.example/events/${source}/${event.type}.v${event.schemaVersion}.json`,
    title: `${event.type} v${event.schemaVersion}`,
    description: event.description,
    type: 'object',
    additionalProperties: false,
    required: ['eventId', 'type', 'schemaVersion', 'source', 'streamId', 'streamVersion', 'globalPosition', 'indexInCommit', 'occurredAt', 'actor', 'district', 'correlationId', 'causationId', 'data'],
    properties: {
      eventId: { type: 'string', format: 'uuid' },
      type: { const: event.type },
      schemaVersion: { const: event.schemaVersion },
      source: { const: source },
      streamId: text,
      streamVersion: { type: 'integer', minimum: 1 },
      globalPosition: { type: 'integer', minimum: 1 },
      indexInCommit: { type: 'integer', minimum: 0 },
      occurredAt: { type: 'string', format: 'date-time' },
      actor: text,
      district: nullableText,
      correlationId: nullableText,
      causationId: nullableText,
      data: event.data,
    },
  };
}
