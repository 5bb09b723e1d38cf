/**
 * The documents of the projects service's read models (the infrastructure keeps them in MongoDB, every read by
 * exact key): each aggregate's stream folded (`StreamView`), the lists by key, the satisfaction counts, and what
 * it knows of the organizations service (organizations and units, from its events).
 */

/** An aggregate's stream folded by the domain's own evolve: its state at `version`. */
export interface StreamView<State> {
  readonly _id: string;
  readonly version: number;
  readonly state: State;
}

/**
 * A list, one document per kind and key (`<kind>:<key>`), holding `id → sort value`: read by key, changed by `$set`
 * / `$unset` of one entry, which a replayed batch writes again to the same effect.
 */
export interface ListDocument {
  readonly _id: string;
  readonly entries: Readonly<Record<string, string>>;
}

/** The lists the projection keeps (see `ProjectsListKind` in the projection for what each holds). */
export const LIST_KINDS = [
  'councils-of-organization', // the councils an organization convenes → name
  'councils-in-district', // → name
  'districts-with-councils', // `all` → every district with a council
  'councils-of-representative', // a member representing a member unit → council name
  'councils-of-unit-organization', // a member unit's party organization → council name
  'needs-of-council', // → status|submittedOn
  'resources-of-council', // → status|offeredOn
  'projects-of-council', // → status|proposedOn
  'projects-in-district', // → status|proposedOn
  'claims-of-unit', // → claimedOn (a unit's claims: Unit.claims)
  'sign-ins-of-member', // `<projectId>/<signInId>` → on (Member.projectSignIns)
  'pairings-of-organization', // → from
  'selections-of-council', // period → status
] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export interface ListEntry {
  readonly key: string;
  readonly id: string;
  readonly value: string;
}

export type SatisfactionCounts = Readonly<
  Record<'VerySatisfied' | 'Satisfied' | 'BasicallySatisfied' | 'Dissatisfied', number>
>;

/** The counts of what nobody rated yet. */
export const NO_RATINGS: SatisfactionCounts = {
  VerySatisfied: 0,
  Satisfied: 0,
  BasicallySatisfied: 0,
  Dissatisfied: 0,
};

/**
 * The satisfaction counts of a project, council, street or district (`project:<id>`, `council:<id>`,
 * `street:<district>/<street>`, `district:<district>`), with the global position of the last rating they hold (a
 * replayed batch adds only what comes after it).
 */
export interface SatisfactionDocument {
  readonly _id: string;
  readonly counts: SatisfactionCounts;
  readonly position: number;
}

/** Each project of a district with its counts, for the district's satisfaction ranking (`district:<district>`). */
export interface SatisfactionRankingDocument {
  readonly _id: string;
  readonly projects: Readonly<Record<string, SatisfactionCounts & { readonly councilId: string }>>;
  readonly position: number;
}

/** An organization as the organizations service published it (tree, type, status, district). */
export interface OrganizationRef {
  readonly _id: string;
  readonly version: number;
  readonly name: string;
  readonly type: string;
  readonly status: 'active' | 'merged' | 'dissolved';
  readonly parentId: string | null;
  readonly district: string | null;
  /** The street and community it sits in, when it is below them (its region as established or moved). */
  readonly street?: string | null;
  readonly community?: string | null;
}

/** A unit of the organizations service's registry, with the organizations that cover it. */
export interface UnitRef {
  readonly _id: string;
  readonly version: number;
  readonly name: string;
  readonly kind: string;
  readonly region: {
    readonly district: string | null;
    readonly street: string | null;
    readonly community: string | null;
  };
  readonly buildingId: string | null;
}

export interface UnitCoverage {
  readonly _id: string;
  readonly organizationIds: readonly string[];
}
