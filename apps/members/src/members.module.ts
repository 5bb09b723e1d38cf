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
import { deploymentClock } from './application/clock';
import { MemberCommands } from './application/member-commands';
import { MemberImport } from './application/member-import';
import { MemberQueries } from './application/member-queries';
import { MemberRegistration } from './application/member-registration';
import { MemberScope } from './application/scope';
import { Loaders, type RequestContext } from './graphql/context';
import { formatError } from './graphql/errors';
import { MemberResolver, OrganizationMembersResolver } from './graphql/member.resolver';
import { AttendanceController } from './infrastructure/attendance.controller';
import { AttendanceProjection } from './infrastructure/attendance.projection';
import { MemberStateProjection } from './infrastructure/current-state.projection';
import { OrganizationDirectory } from './infrastructure/organization-directory';
import { OrganizationDirectoryController } from './infrastructure/organization-directory.controller';
import { DB, EVENT_STORE, SETTINGS, VIEWS, connectDatabase, createEventStore } from './infrastructure/persistence';
import { PersonalDataVault } from './infrastructure/personal-data-vault';
import { type Views, createViewIndexes, views } from './infrastructure/views';
import { Workers } from './infrastructure/workers';
import { type MembersSettings } from './settings';

const CLOSE_DB = Symbol('CloseDb');

/** Infrastructure and application services, shared with the GraphQL module. */
@Global()
@Module({})
class MembersCoreModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(SETTINGS) private readonly settings: MembersSettings,
    private readonly workers: Workers,
    @Inject(CLOSE_DB) private readonly closeDb: () => Promise<void>,
  ) {}

  static forRoot(settings: MembersSettings): DynamicModule {
    const clock = deploymentClock(settings.utcOffsetMinutes, settings.fixedToday);
    return {
      module: MembersCoreModule,
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
          provide: PersonalDataVault,
          inject: [VIEWS],
          useFactory: (v: Views) => new PersonalDataVault(v, settings.masterKey),
        },
        {
          provide: OrganizationDirectory,
          inject: [VIEWS, DB],
          useFactory: (v: Views, db: Db) => new OrganizationDirectory(v, db),
        },
        {
          provide: MemberScope,
          inject: [OrganizationDirectory],
          useFactory: (d: OrganizationDirectory) => new MemberScope(d),
        },
        { provide: AttendanceProjection, inject: [VIEWS], useFactory: (v: Views) => new AttendanceProjection(v) },
        {
          provide: MemberStateProjection,
          inject: [EVENT_STORE, VIEWS, PersonalDataVault, DB],
          useFactory: (store: MongoEventStore, v: Views, vault: PersonalDataVault, db: Db) =>
            new MemberStateProjection(store, v, vault, db),
        },
        {
          provide: Workers,
          inject: [EVENT_STORE, MemberStateProjection],
          useFactory: (store: MongoEventStore, p: MemberStateProjection) => new Workers(settings, store, p),
        },
        {
          provide: MemberCommands,
          inject: [
            EVENT_STORE,
            VIEWS,
            MemberStateProjection,
            OrganizationDirectory,
            MemberScope,
            PersonalDataVault,
            Workers,
            MemberRegistration,
          ],
          useFactory: (
            store: MongoEventStore,
            v: Views,
            p: MemberStateProjection,
            d: OrganizationDirectory,
            s: MemberScope,
            vault: PersonalDataVault,
            w: Workers,
            r: MemberRegistration,
          ) => new MemberCommands(store, v, p, d, s, vault, settings.rules, clock, () => w.relay.notify(), r),
        },
        {
          provide: MemberImport,
          inject: [VIEWS, OrganizationDirectory, MemberRegistration, Workers],
          useFactory: (v: Views, d: OrganizationDirectory, r: MemberRegistration, w: Workers) =>
            new MemberImport(v, d, r, settings.rules, clock, () => w.relay.notify()),
        },
        {
          provide: MemberRegistration,
          inject: [EVENT_STORE, VIEWS, PersonalDataVault],
          useFactory: (store: MongoEventStore, v: Views, vault: PersonalDataVault) =>
            new MemberRegistration(store, v, vault, () => clock.today()),
        },
        {
          provide: MemberQueries,
          inject: [VIEWS, OrganizationDirectory, MemberScope, PersonalDataVault, MemberStateProjection],
          useFactory: (
            v: Views,
            d: OrganizationDirectory,
            s: MemberScope,
            vault: PersonalDataVault,
            p: MemberStateProjection,
          ) => new MemberQueries(v, d, s, vault, settings.rules, clock, () => p.reachOwnWrites()),
        },
      ],
      exports: [
        SETTINGS,
        EVENT_STORE,
        MemberCommands,
        MemberImport,
        MemberQueries,
        Workers,
        OrganizationDirectory,
        AttendanceProjection,
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

/** The members service: a Federation 2 subgraph over its own event store. */
@Module({})
export class MembersModule {
  static forRoot(settings: MembersSettings): DynamicModule {
    return subgraphModule(MembersModule, {
      service: 'members',
      settings,
      core: MembersCoreModule.forRoot(settings),
      workers: Workers,
      context: {
        inject: MemberQueries,
        build: (caller, queries: MemberQueries): RequestContext => ({ caller, loaders: new Loaders(queries, caller) }),
      },
      formatError,
      resolvers: [MemberResolver, OrganizationMembersResolver],
      consumers: [OrganizationDirectoryController, AttendanceController],
    });
  }
}
