import { type Db } from 'mongodb';

/**
 * A stand-in nobody may touch: any method called on it throws, so a unit test proves that a path (a poison message
 * refused, a rule checked first) reads and writes nothing. It is not a promise (`then` is undefined).
 */
export const untouchable: object = new Proxy(
  {},
  {
    get: (_target, name) =>
      name === 'then'
        ? undefined
        : () => {
            throw new Error(`touched the database: ${String(name)}`);
          },
  },
);

/** A database whose every collection is untouchable. */
export const untouchableDb = { collection: () => untouchable } as unknown as Db;

/** A service's read models (any object of collections), each untouchable. */
export const untouchableViews = <Views>(): Views => new Proxy({}, { get: () => untouchable }) as unknown as Views;
