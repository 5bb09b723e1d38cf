import { upcastMemberRegisteredV1 } from './messages/member-registered/upcast';

/**
 * v1 → v2 of an event whose free-text reason is now sealed to the member's key: v1 carried it in clear, and an
 * upcaster has no key to seal it with, so the v1 reason is not carried on (null, as after an erase).
 */
export const upcastClearReasonV1 = (data: Record<string, unknown>): Record<string, unknown> => ({
  ...data,
  reason: null,
});

/**
 * The members service's upcasters, by event type and the version each upgrades from: its event store reads old
 * versions as the current shape (and writes new events in it); the relay publishes what the store reads.
 */
export const MEMBERS_UPCASTERS = {
  MemberRegistered: { 1: upcastMemberRegisteredV1 },
  ProbationCancelled: { 1: upcastClearReasonV1 },
  MembershipStatusChanged: { 1: upcastClearReasonV1 },
  DuesReductionRequested: { 1: upcastClearReasonV1 },
  DuesReductionDecided: { 1: upcastClearReasonV1 },
} as const satisfies Record<string, Record<number, (data: Record<string, unknown>) => Record<string, unknown>>>;
