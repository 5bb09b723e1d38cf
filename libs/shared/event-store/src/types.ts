/** What the caller expects of a stream's version when appending (optimistic concurrency). */
export type ExpectedVersion =
  | { readonly kind: 'any' }
  | { readonly kind: 'no-stream' }
  | { readonly kind: 'exists' }
  | { readonly kind: 'exact'; readonly version: number };

export const ExpectedVersion = {
  any: { kind: 'any' } as ExpectedVersion,
  noStream: { kind: 'no-stream' } as ExpectedVersion,
  exists: { kind: 'exists' } as ExpectedVersion,
  exact: (version: number): ExpectedVersion => ({ kind: 'exact', version }),
};

export type EventPayload = Record<string, unknown>;

/** An event to append: its type, payload and the schema version the payload follows. */
export interface NewEvent<Type extends string = string, Data extends EventPayload = EventPayload> {
  readonly type: Type;
  readonly data: Data;
  readonly schemaVersion?: number;
  readonly eventId?: string;
}

/** Who did it and why: written once per commit and copied into every event's envelope. */
export interface AppendContext {
  /** The command id: appending the same commit id to a stream twice has one effect. */
  readonly commitId: string;
  readonly actor: string;
  readonly district?: string | null;
  readonly correlationId?: string | null;
  readonly causationId?: string | null;
  readonly occurredAt?: Date;
}

/** The envelope every stored and published event carries. */
export interface RecordedEvent<Type extends string = string, Data extends EventPayload = EventPayload> {
  readonly eventId: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly streamId: string;
  /** 1-based position of the event in its stream. */
  readonly streamVersion: number;
  /** Gap-free position of the commit holding this event in the store's global order. */
  readonly globalPosition: number;
  /** Index of the event inside its commit. */
  readonly indexInCommit: number;
  readonly occurredAt: Date;
  readonly actor: string;
  readonly district: string | null;
  readonly commitId: string;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly data: Data;
}

/** One atomic append: the unit of the global order, of publishing, and of idempotency. */
export interface Commit {
  readonly globalPosition: number;
  readonly streamId: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly commitId: string;
  readonly events: readonly RecordedEvent[];
}

export interface AppendResult {
  readonly streamId: string;
  /** The stream's version after the append (the version of its last event). */
  readonly nextExpectedVersion: number;
  readonly globalPosition: number;
  /** True when this commit id had already been appended: nothing new was written. */
  readonly duplicate: boolean;
}

export interface ReadStreamOptions {
  readonly direction?: 'forward' | 'backward';
  /** Forward: first version to return (inclusive). Backward: last version to return (inclusive). */
  readonly fromVersion?: number;
  readonly maxCount?: number;
}

export interface StreamMetadata {
  readonly streamId: string;
  /** Events before this version are no longer read (truncate). */
  readonly truncateBefore: number;
  /** Version at which the stream was soft-deleted; appends after it revive the stream. */
  readonly deletedAtVersion: number | null;
}

export interface Snapshot<State> {
  readonly streamId: string;
  readonly version: number;
  readonly schemaVersion: number;
  readonly state: State;
}

/** Turns a stored payload of an old schema version into the next one. */
export type Upcaster = (data: EventPayload) => EventPayload;

/** Upcasters by event type, then by the schema version they upgrade from. */
export type UpcasterRegistry = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

/**
 * The schema version a new event of this type is written with: one past the last version an upcaster upgrades
 * from (1 when the type has none). Registering the upcaster of v1 is what makes a store write v2.
 */
export function currentSchemaVersion(upcasters: UpcasterRegistry, type: string): number {
  let version = 1;
  while (upcasters[type]?.[version]) version += 1;
  return version;
}
