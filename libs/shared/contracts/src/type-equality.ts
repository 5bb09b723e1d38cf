/**
 * Compile-time checks that two types are the same: a contract's payload against the domain event it publishes.
 * `readonly` is ignored (the domain's types are read-only, the contract's are not); everything else must match.
 */
export type Mutable<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends ReadonlyArray<infer U>
    ? Array<Mutable<U>>
    : T extends object
      ? { -readonly [K in keyof T]: Mutable<T[K]> }
      : T;

export type Equal<A, B> =
  (<T>() => T extends Mutable<A> ? 1 : 2) extends <T>() => T extends Mutable<B> ? 1 : 2 ? true : false;

/** Fails to compile unless `T` is `true`: `const check: Assert<Equal<A, B>> = true`. */
export type Assert<T extends true> = T;

/** Each event type of a union, with its payload: `{ MemberRegistered: {...}, ... }`. */
export type Payloads<E extends { type: string; data: unknown }> = { [T in E['type']]: Extract<E, { type: T }>['data'] };

/**
 * The event types whose payload differs between what a domain decides and what its contract publishes (or that the
 * contract lacks): `never` when every decided event is published as it is. With `Assert<Equal<keyof P, keyof D>>`
 * it checks a service's published contract against its domain's event unions at compile time (ADR 0016).
 */
export type MismatchedPayloads<Decided, Published> = {
  [T in keyof Decided]: T extends keyof Published ? (Equal<Decided[T], Published[T]> extends true ? never : T) : T;
}[keyof Decided];
