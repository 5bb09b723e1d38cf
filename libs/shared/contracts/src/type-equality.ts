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
