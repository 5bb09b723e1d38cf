import { type Db } from 'mongodb';
import { MongoEventStore } from '@lianjian/event-store';

export { connectDatabase } from '@lianjian/api';

/** Injection tokens of the service's infrastructure. */
export const DB = Symbol('Db');
export const EVENT_STORE = Symbol('EventStore');
export const SETTINGS = Symbol('Settings');
export const VIEWS = Symbol('Views');

export async function createEventStore(db: Db): Promise<MongoEventStore> {
  const store = new MongoEventStore({ db, prefix: 'members' });
  await store.init();
  return store;
}
