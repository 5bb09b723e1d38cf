import {
  type BuildingState,
  type MeetingRecord,
  type Organization,
  type ServicePointState,
  type UnitState,
} from '@lianjian/organizations-domain';

/*
 * The read models' documents as the application reads them (the ports of common/read-models.port.ts return them);
 * infrastructure/views.ts keeps them in MongoDB collections, testing/in-memory-read-models.ts in maps.
 */

/** Current state of an organization, with its place in the tree. */
export interface OrganizationView extends Organization {
  readonly _id: string;
  readonly version: number;
  /** From the root down to the parent. */
  readonly ancestorIds: readonly string[];
  readonly depth: number;
}

export type UnitView = NonNullable<UnitState> & { readonly _id: string; readonly version: number };
export type BuildingView = NonNullable<BuildingState> & { readonly _id: string; readonly version: number };
export type ServicePointView = NonNullable<ServicePointState> & { readonly _id: string; readonly version: number };

export type MeetingView = MeetingRecord & { readonly _id: string; readonly version: number };

/** One version of an organization in time: valid from its effective date until the next version's. */
export interface TimelineEntry {
  readonly _id: string;
  readonly organizationId: string;
  readonly version: number;
  readonly eventType: string;
  readonly effectiveOn: string;
  readonly recordedAt: Date;
  readonly actor: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly state: Organization;
}

/**
 * What is in a building (`building:<id>`: its organizations, units and service points) and which organizations
 * cover a unit (`unit:<id>`: organizationIds), whatever their status: a building's coverage and a unit's covering
 * organizations are read by exact keys (the status is checked on the views, fetched by `_id`).
 */
export interface PlaceIndexView {
  readonly _id: string;
  readonly organizationIds?: readonly string[];
  readonly unitIds?: readonly string[];
  readonly servicePointIds?: readonly string[];
}

/** A member on the roster of an organization or a unit, as the members service publishes it. */
export interface RosterMember {
  readonly memberId: string;
  readonly stage: string;
  readonly status: string;
  readonly counted: boolean;
}
