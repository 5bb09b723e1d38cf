/**
 * Kafka topics of the projects service (regional co-building, 区域化党建): `lianjian.<service>.<entity>.v<major>`. One
 * topic per stream category, keyed by stream id, so the events of one council, need, resource, project, rating or
 * selection keep their order; the event type and its schema version travel in the envelope and the headers.
 */
export const PROJECTS_TOPICS = {
  council: 'lianjian.projects.council.v1',
  pairing: 'lianjian.projects.pairing.v1',
  need: 'lianjian.projects.need.v1',
  resource: 'lianjian.projects.resource.v1',
  project: 'lianjian.projects.project.v1',
  rating: 'lianjian.projects.rating.v1',
  selection: 'lianjian.projects.selection.v1',
} as const;

export type ProjectsStreamCategory = keyof typeof PROJECTS_TOPICS;

const PREFIXES: Record<ProjectsStreamCategory, string> = {
  council: 'council-',
  pairing: 'pairing-',
  need: 'need-',
  resource: 'resource-',
  project: 'project-',
  rating: 'rating-',
  selection: 'selection-',
};

export const projectsStreamId = (category: ProjectsStreamCategory, id: string): string => `${PREFIXES[category]}${id}`;

/** A rating's stream: one per rater and project (`rating-<projectId>-<raterKey>`), so a second rating is refused. */
export const ratingStreamId = (projectId: string, raterKey: string): string =>
  projectsStreamId('rating', `${projectId}-${raterKey}`);

/** A "most creative project" selection's stream: one per council and period. */
export const selectionStreamId = (councilId: string, period: string): string =>
  projectsStreamId('selection', `${councilId}-${period}`);

export function projectsCategoryOf(stream: string): ProjectsStreamCategory | null {
  const entry = (Object.entries(PREFIXES) as Array<[ProjectsStreamCategory, string]>).find(([, prefix]) =>
    stream.startsWith(prefix),
  );
  return entry?.[0] ?? null;
}

/** The topic a stream's events are published on; null for the service's unpublished streams. */
export function topicForProjectsStream(stream: string): string | null {
  const category = projectsCategoryOf(stream);
  return category ? PROJECTS_TOPICS[category] : null;
}

export const idFromProjectsStream = (stream: string): string => {
  const category = projectsCategoryOf(stream);
  return category ? stream.slice(PREFIXES[category].length) : stream;
};
