import { type Static, type TSchema } from '@sinclair/typebox';

/** The Kafka message key: the stream id, so every event of one stream keeps its order in one partition. */
export interface MessageKey<P = unknown> {
  readonly description: string;
  /** A pattern every key matches (the stream id's prefix). */
  readonly pattern: string;
  /** The key (stream id) of a message with this payload. */
  of(payload: P): string;
}

/**
 * One published message, defined once: its TypeScript type (`PayloadOf`), its JSON Schema (`messageSchema`) and
 * its AsyncAPI entry (`renderAsyncApi`) all come from this definition.
 */
export interface MessageDefinition<T extends string = string, V extends number = number, P extends TSchema = TSchema> {
  /** The event type, as in the envelope's `type` and the `event-type` header. */
  readonly type: T;
  /** A breaking change to the payload is a new version (kept beside the old one while consumers move). */
  readonly schemaVersion: V;
  readonly topic: string;
  readonly key: MessageKey<Static<P>>;
  /** What happened, in one or two sentences (the catalog's and AsyncAPI's summary). */
  readonly description: string;
  readonly payload: P;
  /** A valid payload: a test checks it against the published schema. */
  readonly example: Static<P>;
}

export type AnyMessage = MessageDefinition<string, number, TSchema>;

/** Defines a message; the example is type-checked against the payload schema. */
export const defineMessage = <const T extends string, const V extends number, P extends TSchema>(
  message: MessageDefinition<T, V, P>,
): MessageDefinition<T, V, P> => message;

/** The payload type of a message definition. */
export type PayloadOf<M> = M extends MessageDefinition<string, number, infer P> ? Static<P> : never;

/** The envelope every Lianjian event carries on Kafka, around the payload (`data`). */
export interface Envelope<T extends string = string, V extends number = number, D = unknown> {
  readonly eventId: string;
  readonly type: T;
  readonly schemaVersion: V;
  readonly source: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  readonly indexInCommit: number;
  readonly occurredAt: string;
  readonly actor: string;
  readonly district: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly data: D;
}

/** The decoded message of each definition in a union: a union discriminated by `type` (and `schemaVersion`). */
export type MessageOf<M> = M extends MessageDefinition<infer T, infer V, infer P> ? Envelope<T, V, Static<P>> : never;

/** A service's published contract: its topics and every message it publishes on them. */
export interface ServiceContract<M extends AnyMessage = AnyMessage> {
  /** The envelope's `source` (the service). */
  readonly source: string;
  readonly title: string;
  readonly description: string;
  /** Stream category → topic (`lianjian.<service>.<entity>.v<major>`). */
  readonly topics: Readonly<Record<string, string>>;
  readonly messages: readonly M[];
  /** Markdown written above the service's tables in docs/event-catalog.md (personal data, conventions). */
  readonly catalogNotes?: string;
  /**
   * The service's upcasters (event type → the version each upgrades from → payload v(n) to v(n+1)): a message of an
   * older version still on a topic (published before the upgrade, read again by a new consumer group or a replay)
   * decodes as the current version, as its own event store reads it.
   */
  readonly upcasters?: ContractUpcasters;
}

/** Payload upcasters by event type and the version each upgrades from (the event stores' registries). */
export type ContractUpcasters = Readonly<
  Record<string, Readonly<Record<number, (data: Record<string, unknown>) => Record<string, unknown>>>>
>;

export const defineServiceContract = <M extends AnyMessage>(contract: ServiceContract<M>): ServiceContract<M> =>
  contract;
