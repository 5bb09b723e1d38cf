import { violation } from './errors';

/*
 * The place gate of an organization (ADR 0008): the stream that serializes the commands that put an organization
 * below another one, or merge it into another, with the commands that end or close that other organization
 * (dissolve it, merge it away, make it a type without subordinates). Each organization is its own stream and the
 * store has no transactions across streams; both kinds of command write to the gate of the organization they
 * depend on, with optimistic concurrency, so one of two concurrent commands always sees the other:
 *
 * - a command placing a subordinate **reserves** a place (refused while a closing command holds the gate), checks
 *   the organization's own stream is still active, and appends its own event at once;
 * - a closing command **fences** the gate at the version it checked — refused while a reservation it did not see
 *   completed is younger than `RESERVATION_TTL_MS` —, appends its own event, and **lifts** the fence.
 *
 * A reservation or a fence whose command never finished (its process died) stops holding after the TTL. The gate's
 * stream is not published: nothing but these commands reads it.
 */

/** What a reservation is for: a subordinate placed below (established, reparented, transferred) or merged into. */
export type ReservationPurpose = 'Subordinate' | 'Merge';

export interface PlaceReservation {
  readonly subordinateId: string;
  readonly purpose: ReservationPurpose;
  /** The instant (ISO 8601, UTC) it was taken. */
  readonly reservedAt: string;
}

/**
 * How long a reservation or a fence holds (ms). The command that took it appends its own event well within it: it
 * gives up and starts again if a third of it passed before it could.
 */
export const RESERVATION_TTL_MS = 60_000;

/** Reservations older than this before the newest are forgotten, so the gate's state stays small. */
const KEPT_MS = 60 * 60_000;

export type GateEvent =
  | { type: 'PlaceReserved'; data: { organizationId: string } & PlaceReservation }
  | { type: 'GateFenced'; data: { organizationId: string; fencedAt: string; by: string } }
  | { type: 'GateFenceLifted'; data: { organizationId: string; by: string } };

export interface GateState {
  readonly organizationId: string;
  readonly reservations: readonly PlaceReservation[];
  /** A closing command in progress: its id and when it fenced the gate. */
  readonly fence: { readonly by: string; readonly fencedAt: string } | null;
}

export type GateCommand =
  | ({ kind: 'ReservePlace'; organizationId: string } & PlaceReservation)
  | {
      kind: 'FenceGate';
      organizationId: string;
      /** The closing command (its commit id): it lifts the fence it set. */
      by: string;
      now: string;
      /** Reservations the closing command found completed: the read models count those subordinates. */
      settledSubordinateIds: readonly string[];
      /** Which reservations stand in its way: any (dissolve, merge away), or places below only (type change). */
      purpose: ReservationPurpose | null;
    }
  | { kind: 'LiftFence'; organizationId: string; by: string };

const age = (now: string, then: string): number => Date.parse(now) - Date.parse(then);

/** Reservations neither completed nor expired at `now`. */
export function pendingReservations(
  state: GateState | null,
  now: string,
  settledSubordinateIds: readonly string[],
  purpose: ReservationPurpose | null = null,
): PlaceReservation[] {
  return (state?.reservations ?? []).filter(
    (r) =>
      (purpose === null || r.purpose === purpose) &&
      !settledSubordinateIds.includes(r.subordinateId) &&
      age(now, r.reservedAt) < RESERVATION_TTL_MS,
  );
}

export function decideGate(command: GateCommand, state: GateState | null): GateEvent[] {
  const organizationId = command.organizationId;
  switch (command.kind) {
    case 'ReservePlace': {
      const fence = state?.fence;
      if (fence && age(command.reservedAt, fence.fencedAt) < RESERVATION_TTL_MS) {
        violation(
          command.purpose === 'Subordinate' ? 'PARENT_NOT_ACTIVE' : 'ORGANIZATION_NOT_ACTIVE',
          'the organization is being dissolved, merged or changed right now; try again in a minute',
          command.purpose === 'Subordinate' ? 'parentId' : 'targetId',
        );
      }
      const { subordinateId, purpose, reservedAt } = command;
      return [{ type: 'PlaceReserved', data: { organizationId, subordinateId, purpose, reservedAt } }];
    }
    case 'FenceGate': {
      const pending = pendingReservations(state, command.now, command.settledSubordinateIds, command.purpose);
      if (pending.length > 0) {
        violation(
          'ORGANIZATION_HAS_CHILDREN',
          `${pending.length} organizations are being placed below or merged into it right now (${pending
            .map((r) => r.subordinateId)
            .join(', ')}); try again in a minute`,
          command.purpose === 'Subordinate' ? 'organizationType' : 'organizationId',
        );
      }
      return [{ type: 'GateFenced', data: { organizationId, fencedAt: command.now, by: command.by } }];
    }
    case 'LiftFence':
      return state?.fence?.by === command.by
        ? [{ type: 'GateFenceLifted', data: { organizationId, by: command.by } }]
        : [];
  }
}

export function evolveGate(state: GateState | null, event: GateEvent): GateState {
  const current = state ?? { organizationId: event.data.organizationId, reservations: [], fence: null };
  switch (event.type) {
    case 'PlaceReserved': {
      const { organizationId: _id, ...reservation } = event.data;
      const since = Date.parse(reservation.reservedAt) - KEPT_MS;
      return {
        ...current,
        reservations: [...current.reservations.filter((r) => Date.parse(r.reservedAt) >= since), reservation],
      };
    }
    case 'GateFenced':
      return { ...current, fence: { by: event.data.by, fencedAt: event.data.fencedAt } };
    case 'GateFenceLifted':
      return { ...current, fence: null };
  }
}
