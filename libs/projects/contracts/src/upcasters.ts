/**
 * The projects service's upcasters, by event type and the version each upgrades from: its event store reads old
 * versions as the current shape (and writes new events in it); the relay publishes what the store reads. Every
 * message is at v1: none yet.
 */
export const PROJECTS_UPCASTERS = {} as const satisfies Record<
  string,
  Record<number, (data: Record<string, unknown>) => Record<string, unknown>>
>;
