import { type OnApplicationBootstrap, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { type Db } from 'mongodb';
import { MongoEventStore, type UpcasterRegistry } from '@lianjian/event-store';
import { connectDatabase } from './mongo';

/** Injection tokens of a subgraph's infrastructure, the same in every service. */
export const SETTINGS = Symbol('Settings');
export const DB = Symbol('Db');
export const CLOSE_DB = Symbol('CloseDb');
export const EVENT_STORE = Symbol('EventStore');
export const VIEWS = Symbol('Views');

const CONNECTION = Symbol('Connection');

export interface PersistenceOptions<Views> {
  readonly settings: { readonly mongodbUri: string; readonly database: string };
  /** The event store's collection prefix (`<prefix>_commits`, …): the service's name. */
  readonly storePrefix: string;
  /** The service's read-model collections, and their indexes (created at start). */
  readonly views: (db: Db) => Views;
  readonly createViewIndexes: (views: Views) => Promise<void>;
  /** The service's upcasters: old event versions read as the current shape, new events written in it. */
  readonly upcasters?: UpcasterRegistry;
}

/**
 * What every subgraph's core module provides first: its settings, the database connection (closed by
 * `SubgraphLifecycle`), the event store on it and the read-model collections with their indexes.
 */
export function persistenceProviders<Views>(options: PersistenceOptions<Views>): Provider[] {
  const { settings } = options;
  return [
    { provide: SETTINGS, useValue: settings },
    { provide: CONNECTION, useFactory: () => connectDatabase(settings.mongodbUri, settings.database) },
    { provide: DB, inject: [CONNECTION], useFactory: (c: { db: Db }) => c.db },
    { provide: CLOSE_DB, inject: [CONNECTION], useFactory: (c: { close: () => Promise<void> }) => c.close },
    {
      provide: EVENT_STORE,
      inject: [DB],
      useFactory: async (db: Db) => {
        const store = new MongoEventStore({ db, prefix: options.storePrefix, upcasters: options.upcasters });
        await store.init();
        return store;
      },
    },
    {
      provide: VIEWS,
      inject: [DB],
      useFactory: async (db: Db) => {
        const views = options.views(db);
        await options.createViewIndexes(views);
        return views;
      },
    },
  ];
}

/** A service's background work (relay, consumers, catch-up), as its core module provides it. */
export interface BackgroundWorkers {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the background workers once the application is up (unless the settings say not to) and, on shutdown, stops
 * them before the database connection closes: provide it with `lifecycleProvider(Workers)`.
 */
export class SubgraphLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly backgroundWorkers: boolean,
    private readonly workers: BackgroundWorkers,
    private readonly closeDb: () => Promise<void>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.backgroundWorkers) await this.workers.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.workers.stop();
    await this.closeDb();
  }
}

export function lifecycleProvider(workers: abstract new (...args: never[]) => BackgroundWorkers): Provider {
  return {
    provide: SubgraphLifecycle,
    inject: [SETTINGS, workers, CLOSE_DB],
    useFactory: (settings: { backgroundWorkers: boolean }, w: BackgroundWorkers, closeDb: () => Promise<void>) =>
      new SubgraphLifecycle(settings.backgroundWorkers, w, closeDb),
  };
}
