import { type Static, type TProperties, type TSchema, Type } from '@sinclair/typebox';

export { Type, type Static, type TSchema } from '@sinclair/typebox';

/** A JSON Schema (draft 2020-12) as a plain object, as it is published in docs/events. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** The schema as plain JSON: what is published and what Ajv compiles (TypeBox's symbol keys dropped). */
export const plainSchema = (schema: unknown): JsonSchema => JSON.parse(JSON.stringify(schema)) as JsonSchema;

/** A closed object: every property required unless wrapped in `Type.Optional`, no other property allowed. */
export const Struct = <P extends TProperties>(properties: P, options: { description?: string } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

/** An identifier: a non-empty string of at most 64 characters. */
export const Id = Type.String({ minLength: 1, maxLength: 64 });
/** Non-empty text. */
export const Text = Type.String({ minLength: 1 });
/** Any text, the empty string included. */
export const AnyText = Type.String();
/** A value or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** A calendar date, `YYYY-MM-DD`. */
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** A calendar month, `YYYY-MM`. */
export const IsoMonth = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' });
/** A count: an integer of at least 0. */
export const Count = Type.Integer({ minimum: 0 });
/** An amount of money in yuan, at least 0. */
export const Amount = Type.Number({ minimum: 0 });
/** One of the given strings, published as `{ "type": "string", "enum": [...] }`. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
/**
 * Ciphertext of the personal-data envelope format `v1.<iv>.<tag>.<data>` (base64url): personal data never
 * travels in clear.
 */
export const Ciphertext = Type.String({ pattern: '^v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' });

/** The TypeScript type of a TypeBox schema. */
export type TypeOf<S extends TSchema> = Static<S>;
