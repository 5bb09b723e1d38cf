import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type Db } from 'mongodb';
import { subgraphModule } from '@lianjian/api';
import { type MongoEventStore } from '@lianjian/event-store';
import { OrganizationCommands, deploymentClock } from './application/organization-commands';
import { OrganizationQueries } from './application/organization-queries';
import { Loaders, type RequestContext } from './graphql/context';
import { formatError } from './graphql/errors';
import { MembershipResolver } from './graphql/membership.resolver';
import { OrganizationResolver } from './graphql/organization.resolver';
import { BuildingResolver, ServicePointResolver, UnitResolver } from './graphql/registry.resolver';
import { CurrentStateProjection } from './infrastructure/current-state.projection';
import { MemberFactsController } from './infrastructure/member-facts.controller';
import { MemberFactsProjection } from './infrastructure/member-facts.projection';
import { DB, EVENT_STORE, SETTINGS, connectDatabase, createEventStore } from './infrastructure/persistence';
import { type Views, createViewIndexes, views } from './infrastructure/views';
import { TimelineController } from './infrastructure/timeline.controller';
import { TimelineProjection } from './infrastructure/timeline.projection';
import { Workers } from './infrastructure/workers';
import { type OrganizationsSettings } from './settings';

const VIEWS = Symbol('Views');
const CLOSE_DB = Symbol('CloseDb');

/** Infrastructure and application services, shared with the GraphQL module. */
@Global()
@Module({})
class OrganizationsCoreModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(SETTINGS) private readonly settings: OrganizationsSettings,
    private readonly workers: Workers,
    @Inject(CLOSE_DB) private readonly closeDb: () => Promise<void>,
  ) {}

  static forRoot(settings: OrganizationsSettings): DynamicModule {
    return {
      module: OrganizationsCoreModule,
      providers: [
        { provide: SETTINGS, useValue: settings },
        { provide: 'CONNECTION', useFactory: () => connectDatabase(settings.mongodbUri, settings.database) },
        { provide: DB, inject: ['CONNECTION'], useFactory: (c: { db: Db }) => c.db },
        { provide: CLOSE_DB, inject: ['CONNECTION'], useFactory: (c: { close: () => Promise<void> }) => c.close },
        { provide: EVENT_STORE, inject: [DB], useFactory: (db: Db) => createEventStore(db) },
        {
          provide: VIEWS,
          inject: [DB],
          useFactory: async (db: Db) => {
            const v = views(db);
            await createViewIndexes(v);
            return v;
          },
        },
        {
          provide: CurrentStateProjection,
          inject: [EVENT_STORE, VIEWS, DB],
          useFactory: (store: MongoEventStore, v: Views, db: Db) => new CurrentStateProjection(store, v, db),
        },
        {
          provide: Workers,
          inject: [EVENT_STORE, VIEWS, CurrentStateProjection],
          useFactory: (store: MongoEventStore, v: Views, p: CurrentStateProjection) =>
            new Workers(settings, store, v, p),
        },
        {
          provide: OrganizationCommands,
          inject: [EVENT_STORE, VIEWS, CurrentStateProjection, Workers],
          useFactory: (store: MongoEventStore, v: Views, p: CurrentStateProjection, w: Workers) =>
            new OrganizationCommands(
              store,
              v,
              p,
              settings.rules,
              deploymentClock(settings.utcOffsetMinutes, settings.fixedToday),
              () => w.relay.notify(),
            ),
        },
        {
          provide: OrganizationQueries,
          inject: [VIEWS, CurrentStateProjection],
          useFactory: (v: Views, p: CurrentStateProjection) =>
            new OrganizationQueries(
              v,
              p,
              settings.rules,
              deploymentClock(settings.utcOffsetMinutes, settings.fixedToday),
            ),
        },
        {
          provide: TimelineProjection,
          inject: [VIEWS, DB],
          useFactory: (v: Views, db: Db) => new TimelineProjection(v, db),
        },
        {
          provide: MemberFactsProjection,
          inject: [VIEWS, DB],
          useFactory: (v: Views, db: Db) => new MemberFactsProjection(v, db),
        },
      ],
      exports: [
        SETTINGS,
        EVENT_STORE,
        OrganizationCommands,
        OrganizationQueries,
        Workers,
        TimelineProjection,
        MemberFactsProjection,
      ],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.settings.backgroundWorkers) await this.workers.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.workers.stop();
    await this.closeDb();
  }
}

/** The organizations service: a Federation 2 subgraph over its own event store. */
@Module({})
export class OrganizationsModule {
  static forRoot(settings: OrganizationsSettings): DynamicModule {
    return subgraphModule(OrganizationsModule, {
      service: 'organizations',
      settings,
      core: OrganizationsCoreModule.forRoot(settings),
      workers: Workers,
      context: {
        inject: OrganizationQueries,
        build: (caller, queries: OrganizationQueries): RequestContext => ({
          caller,
          loaders: new Loaders(queries, caller),
        }),
      },
      formatError,
      resolvers: [OrganizationResolver, MembershipResolver, UnitResolver, BuildingResolver, ServicePointResolver],
      consumers: [TimelineController, MemberFactsController],
    });
  }
}
