/**
 * Kafka topics of the organizations service: `lianjian.<service>.<entity>.v<major>`. One topic per stream
 * category, keyed by stream id, so every event of one organization keeps its order; the event type and its
 * schema version travel in the envelope and in the `event-type` / `schema-version` headers.
 */
export const ORGANIZATIONS_TOPICS = {
  organization: 'lianjian.organizations.organization.v1',
  unit: 'lianjian.organizations.unit.v1',
  building: 'lianjian.organizations.building.v1',
  servicePoint: 'lianjian.organizations.service-point.v1',
  meeting: 'lianjian.organizations.meeting.v1',
} as const;

export type OrganizationsStreamCategory = keyof typeof ORGANIZATIONS_TOPICS;

const PREFIXES: Record<OrganizationsStreamCategory, string> = {
  organization: 'organization-',
  unit: 'unit-',
  building: 'building-',
  servicePoint: 'service-point-',
  meeting: 'meeting-',
};

export const streamId = (category: OrganizationsStreamCategory, id: string): string => `${PREFIXES[category]}${id}`;

export function categoryOf(stream: string): OrganizationsStreamCategory | null {
  // longest prefix first: 'service-point-' before anything shorter that might match
  const entries = Object.entries(PREFIXES).sort((a, b) => b[1].length - a[1].length) as Array<
    [OrganizationsStreamCategory, string]
  >;
  return entries.find(([, prefix]) => stream.startsWith(prefix))?.[0] ?? null;
}

export function topicForStream(stream: string): string | null {
  const category = categoryOf(stream);
  return category ? ORGANIZATIONS_TOPICS[category] : null;
}

export const idFromStream = (stream: string): string => {
  const category = categoryOf(stream);
  return category ? stream.slice(PREFIXES[category].length) : stream;
};
