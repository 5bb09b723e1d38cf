import { type CommunityRegistration, type Mobility } from '@lianjian/members-domain';

/*
 * What mobility (流动党员) and community registration (在职党员到社区报到) read and write besides the event store:
 * their read models, kept by `MobilityFold` from the service's own log (with the member state, in the same batches),
 * each read by exact key — a member's mobility by member id, a registration by its id, and the lists through list
 * documents keyed by kind and organization (as the rosters are: one key lookup per organization, then the page's
 * documents by id). The MongoDB implementation is infrastructure/mobility.read-models.ts; an in-memory one is in
 * testing/in-memory-mobility.ts.
 */

/** A member's mobility stream folded, keyed by member id. */
export type MobilityView = Mobility & { readonly _id: string; readonly version: number };

/** A registration stream folded, keyed by `<memberId>-<communityId>`. */
export type CommunityRegistrationView = CommunityRegistration & { readonly _id: string; readonly version: number };

/**
 * The lists, one document per kind and key:
 * - `flowing-out:<branch>` — the branch's members with an open flow-out (entry: member id → `from|lastContactOn`);
 * - `flowing-in:<host>` — members with an open flow-in at the host organization (member id → `from`);
 * - `registered:<branch>` — the branch's members' active community registrations (registration id → `registeredOn`);
 * - `community:<community>` — the community's active registrations (registration id → `registeredOn`);
 * - `member:<memberId>` — every registration of a member, revoked ones too (registration id → status).
 */
export const MOBILITY_LIST_KINDS = ['flowing-out', 'flowing-in', 'registered', 'community', 'member'] as const;
export type MobilityListKind = (typeof MOBILITY_LIST_KINDS)[number];

export interface MobilityListEntry {
  readonly kind: MobilityListKind;
  /** The organization (or member) the list is of. */
  readonly key: string;
  /** The member id (mobility lists) or the registration id. */
  readonly id: string;
  readonly value: string;
}

/** One entry set (value) or removed (null). */
export interface MobilityListChange {
  readonly kind: MobilityListKind;
  readonly key: string;
  readonly id: string;
  readonly value: string | null;
}

export interface MobilityReadModel {
  mobility(memberId: string): Promise<MobilityView | null>;
  /** The members' mobilities found, in the order asked. */
  mobilities(memberIds: readonly string[]): Promise<MobilityView[]>;
  registration(registrationId: string): Promise<CommunityRegistrationView | null>;
  registrations(registrationIds: readonly string[]): Promise<CommunityRegistrationView[]>;
  /** The entries of the lists of one kind, for these keys (organizations, or a member). */
  entries(kind: MobilityListKind, keys: readonly string[]): Promise<MobilityListEntry[]>;
}

/** What the fold writes: the lists first, then the documents (a batch saved again writes the same). */
export interface MobilityWriter extends Pick<MobilityReadModel, 'mobilities' | 'registrations'> {
  save(batch: {
    readonly lists: readonly MobilityListChange[];
    readonly mobilities: readonly MobilityView[];
    readonly registrations: readonly CommunityRegistrationView[];
  }): Promise<void>;
}
