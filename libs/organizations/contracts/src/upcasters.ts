import { upcastPersonV1 } from './messages/vocabulary';

type Person = Parameters<typeof upcastPersonV1>[0];

/**
 * The organizations service's upcasters, by event type and the version each upgrades from: its event store reads
 * old versions as the current shape (and writes new events in it); the relay publishes what the store reads. v1
 * named people in clear and kept absence reasons in clear: people become member id and masked name, and a v1
 * absence reason is not carried on (an upcaster has no key to seal it with).
 */
export const ORGANIZATIONS_UPCASTERS = {
  LeadershipElected: {
    1: (d: Record<string, unknown>): Record<string, unknown> => ({
      ...d,
      secretary: upcastPersonV1(d['secretary'] as Person),
      deputySecretaries: (d['deputySecretaries'] as Person[]).map(upcastPersonV1),
      committeeMembers: (d['committeeMembers'] as Person[]).map(upcastPersonV1),
    }),
  },
  MeetingRecorded: {
    1: (d: Record<string, unknown>): Record<string, unknown> => ({
      ...d,
      host: upcastPersonV1(d['host'] as Person),
      recorder: upcastPersonV1(d['recorder'] as Person),
      absentees: (d['absentees'] as Array<{ memberId: string }>).map((a) => ({ memberId: a.memberId, reason: null })),
    }),
  },
} as const satisfies Record<string, Record<number, (data: Record<string, unknown>) => Record<string, unknown>>>;
