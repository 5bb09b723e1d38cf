import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type Db } from 'mongodb';
import {
  DB,
  EVENT_STORE,
  SETTINGS,
  VIEWS,
  lifecycleProvider,
  persistenceProviders,
  subgraphModule,
} from '@lianjian/api';
import { ORGANIZATIONS_UPCASTERS } from '@lianjian/organizations-contracts';
import { type MongoEventStore } from '@lianjian/event-store';
import { deploymentClock } from '@lianjian/calendar';
import { CommandRunner } from './application/common/command-runner';
import { QuerySupport } from './application/common/query-support';
import { type ReadModels } from './application/common/read-models.port';
import { ComplianceQueries } from './application/compliance/compliance.queries';
import { CoverageCommands } from './application/unit-coverage/coverage.commands';
import { CoverageQueries } from './application/unit-coverage/coverage.queries';
import { HistoryQueries } from './application/history/history.queries';
import { LeadershipCommands } from './application/leadership/leadership.commands';
import { LeadershipQueries } from './application/leadership/leadership.queries';
import { LifecycleCommands } from './application/lifecycle/lifecycle.commands';
import { MeetingCommands } from './application/meetings/meetings.commands';
import { MeetingQueries } from './application/meetings/meetings.queries';
import { MemberCountQueries } from './application/membership/member-counts.queries';
import { TreeQueries } from './application/tree/tree.queries';
import { RegistryCommands } from './application/units-and-buildings/registry.commands';
import { RegistryQueries } from './application/units-and-buildings/registry.queries';
import { BatchedReads, Loaders, type RequestContext } from './graphql/context';
import { formatError } from './graphql/errors';
import { MembershipResolver } from './graphql/membership.resolver';
import { OrganizationResolver } from './graphql/organization.resolver';
import { BuildingResolver, ServicePointResolver, UnitResolver } from './graphql/registry.resolver';
import { AbsenteeResolver, PersonResolver } from './graphql/person.resolver';
import { OrganizationStateProjection } from './infrastructure/organization-state.projection';
import { MemberFactsController } from './infrastructure/member-facts.controller';
import { MemberFactsProjection } from './infrastructure/member-facts.projection';
import { mongoReadModels } from './infrastructure/mongo-read-models';
import { type Views, createViewIndexes, views } from './infrastructure/views';
import { TimelineController } from './infrastructure/timeline.controller';
import { TimelineProjection } from './infrastructure/timeline.projection';
import { Workers } from './infrastructure/workers';
import { type OrganizationsSettings } from './settings';

const READ_MODELS = Symbol('ReadModels');

/** The application's use-case families: command handlers over the command runner, queries over the read models. */
const COMMAND_FAMILIES = [LifecycleCommands, LeadershipCommands, CoverageCommands, RegistryCommands, MeetingCommands];
const QUERY_FAMILIES = [TreeQueries, HistoryQueries, CoverageQueries, RegistryQueries];

/** Infrastructure and application services, shared with the GraphQL module. */
@Global()
@Module({})
class OrganizationsCoreModule {
  static forRoot(settings: OrganizationsSettings): DynamicModule {
    const clock = deploymentClock(settings.utcOffsetMinutes, settings.fixedToday);
    return {
      module: OrganizationsCoreModule,
      providers: [
        ...persistenceProviders({
          settings,
          storePrefix: 'organizations',
          views,
          createViewIndexes,
          upcasters: ORGANIZATIONS_UPCASTERS,
        }),
        lifecycleProvider(Workers),
        {
          provide: OrganizationStateProjection,
          inject: [EVENT_STORE, VIEWS, DB],
          useFactory: (store: MongoEventStore, v: Views, db: Db) => new OrganizationStateProjection(store, v, db),
        },
        {
          provide: Workers,
          inject: [EVENT_STORE, VIEWS, OrganizationStateProjection],
          useFactory: (store: MongoEventStore, v: Views, p: OrganizationStateProjection) =>
            new Workers(settings, store, v, p),
        },
        {
          provide: READ_MODELS,
          inject: [VIEWS, OrganizationStateProjection],
          useFactory: (v: Views, p: OrganizationStateProjection) => mongoReadModels(v, p),
        },
        {
          provide: CommandRunner,
          inject: [EVENT_STORE, READ_MODELS, Workers],
          useFactory: (store: MongoEventStore, r: ReadModels, w: Workers) =>
            new CommandRunner(store, r, settings.rules, clock, () => w.relay.notify()),
        },
        ...COMMAND_FAMILIES.map((family) => ({
          provide: family,
          inject: [CommandRunner],
          useFactory: (runner: CommandRunner) => new family(runner),
        })),
        { provide: QuerySupport, inject: [READ_MODELS], useFactory: (r: ReadModels) => new QuerySupport(r) },
        { provide: TreeQueries, inject: [QuerySupport], useFactory: (q: QuerySupport) => new TreeQueries(q) },
        { provide: RegistryQueries, inject: [QuerySupport], useFactory: (q: QuerySupport) => new RegistryQueries(q) },
        {
          provide: CoverageQueries,
          inject: [QuerySupport],
          useFactory: (q: QuerySupport) => new CoverageQueries(q, settings.rules),
        },
        {
          provide: LeadershipQueries,
          inject: [QuerySupport],
          useFactory: (q: QuerySupport) => new LeadershipQueries(q, settings.rules, clock),
        },
        {
          provide: HistoryQueries,
          inject: [READ_MODELS],
          useFactory: (r: ReadModels) => new HistoryQueries(r.timeline, clock),
        },
        {
          provide: ComplianceQueries,
          inject: [READ_MODELS],
          useFactory: (r: ReadModels) => new ComplianceQueries(r, settings.rules, clock),
        },
        {
          provide: MeetingQueries,
          inject: [READ_MODELS],
          useFactory: (r: ReadModels) => new MeetingQueries(r, settings.rules, clock),
        },
        {
          provide: MemberCountQueries,
          inject: [READ_MODELS],
          useFactory: (r: ReadModels) => new MemberCountQueries(r),
        },
        {
          provide: BatchedReads,
          inject: [TreeQueries, RegistryQueries, CoverageQueries],
          useFactory: (t: TreeQueries, r: RegistryQueries, c: CoverageQueries) => new BatchedReads(t, r, c),
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
        ...COMMAND_FAMILIES,
        ...QUERY_FAMILIES,
        LeadershipQueries,
        ComplianceQueries,
        MeetingQueries,
        MemberCountQueries,
        BatchedReads,
        Workers,
        TimelineProjection,
        MemberFactsProjection,
      ],
    };
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
        inject: BatchedReads,
        build: (caller, reads: BatchedReads): RequestContext => ({
          caller,
          loaders: new Loaders(reads, caller),
        }),
      },
      formatError,
      resolvers: [
        OrganizationResolver,
        MembershipResolver,
        UnitResolver,
        BuildingResolver,
        ServicePointResolver,
        PersonResolver,
        AbsenteeResolver,
      ],
      consumers: [TimelineController, MemberFactsController],
    });
  }
}
