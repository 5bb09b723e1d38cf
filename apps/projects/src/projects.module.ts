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
import { deploymentClock } from '@lianjian/calendar';
import { type MongoEventStore } from '@lianjian/event-store';
import * as QRCode from 'qrcode';
import { CommandSupport } from './application/common/command-support';
import { CouncilAccess } from './application/common/council-access';
import { CouncilCommands } from './application/councils/council.commands';
import { CouncilQueries } from './application/councils/council.queries';
import { MatchingQueries } from './application/lists/matching.queries';
import { NeedCommands } from './application/lists/needs.commands';
import { NeedQueries } from './application/lists/needs.queries';
import { ResourceCommands } from './application/lists/resources.commands';
import { ResourceQueries } from './application/lists/resources.queries';
import { PairingCommands } from './application/pairings/pairing.commands';
import { PairingQueries } from './application/pairings/pairing.queries';
import { StoreProjectNeeds } from './application/projects/project-needs';
import { ProjectCommands } from './application/projects/project.commands';
import { ProjectQueries } from './application/projects/project.queries';
import { PublicLinks } from './application/rating/rating-links';
import { RatingCommands } from './application/rating/rating.commands';
import { SatisfactionQueries } from './application/rating/satisfaction.queries';
import { SelectionCommands } from './application/selection/selection.commands';
import { SelectionQueries } from './application/selection/selection.queries';
import { BatchedReads, Loaders, type RequestContext } from './graphql/context';
import { CouncilResolver, OrganizationCouncilsResolver } from './graphql/council.resolver';
import { formatError } from './graphql/errors';
import { CouncilListsResolver, ListsResolver } from './graphql/lists.resolver';
import { OrganizationPairingsResolver, PairingResolver } from './graphql/pairing.resolver';
import {
  CouncilProjectsResolver,
  MemberSignInsResolver,
  ProjectResolver,
  UnitClaimsResolver,
} from './graphql/project.resolver';
import { CouncilSatisfactionResolver, ProjectSatisfactionResolver, RatingResolver } from './graphql/rating.resolver';
import { CouncilSelectionResolver, SelectionResolver } from './graphql/selection.resolver';
import { ContactVault, MongoNeedContactAudit } from './infrastructure/contact-sealing';
import { OrganizationDirectory } from './infrastructure/directory';
import { DirectoryController } from './infrastructure/directory.controller';
import { MongoProjectsReadModel } from './infrastructure/mongo-read-models';
import { ProjectsStateProjection } from './infrastructure/projects-state.projection';
import { type Views, createViewIndexes, views } from './infrastructure/views';
import { Workers } from './infrastructure/workers';
import { linkKey, signLinkCode } from './public/link-code';
import { type ProjectsSettings } from './settings';

/** Infrastructure and application services, shared with the GraphQL module. */
@Global()
@Module({})
class ProjectsCoreModule {
  static forRoot(settings: ProjectsSettings): DynamicModule {
    const clock = deploymentClock(settings.utcOffsetMinutes, settings.fixedToday);
    return {
      module: ProjectsCoreModule,
      providers: [
        ...persistenceProviders({ settings, storePrefix: 'projects', views, createViewIndexes }),
        lifecycleProvider(Workers),
        {
          provide: ProjectsStateProjection,
          inject: [EVENT_STORE, DB, VIEWS],
          useFactory: (store: MongoEventStore, db: Db, v: Views) =>
            new ProjectsStateProjection(store, db, new MongoProjectsReadModel(v)),
        },
        {
          provide: MongoProjectsReadModel,
          inject: [VIEWS, ProjectsStateProjection],
          useFactory: (v: Views, p: ProjectsStateProjection) => new MongoProjectsReadModel(v, p.log),
        },
        {
          provide: Workers,
          inject: [EVENT_STORE, ProjectsStateProjection],
          useFactory: (store: MongoEventStore, p: ProjectsStateProjection) => new Workers(settings, store, p),
        },
        {
          provide: OrganizationDirectory,
          inject: [VIEWS, DB],
          useFactory: (v: Views, db: Db) => new OrganizationDirectory(v, db),
        },
        {
          provide: CouncilAccess,
          inject: [OrganizationDirectory],
          useFactory: (d: OrganizationDirectory) => new CouncilAccess(d),
        },
        {
          provide: CommandSupport,
          inject: [EVENT_STORE, Workers, ProjectsStateProjection],
          // an append wakes the relay and the read models' catch-up (which runs where the projection's lease is held;
          // passes triggered together share one): a rating reaches its satisfaction rate without waiting for the timer
          useFactory: (store: MongoEventStore, w: Workers, p: ProjectsStateProjection) =>
            new CommandSupport({
              store,
              clock,
              onAppended: () => {
                w.relay.notify();
                p.log.catchUp().catch(() => undefined); // a failed pass is retried by the periodic catch-up
              },
            }),
        },
        {
          provide: CouncilCommands,
          inject: [CommandSupport, CouncilAccess, OrganizationDirectory],
          useFactory: (s: CommandSupport, a: CouncilAccess, d: OrganizationDirectory) => new CouncilCommands(s, a, d),
        },
        {
          provide: CouncilQueries,
          inject: [MongoProjectsReadModel, CouncilAccess, OrganizationDirectory],
          useFactory: (r: MongoProjectsReadModel, a: CouncilAccess, d: OrganizationDirectory) =>
            new CouncilQueries(r, a, d),
        },
        {
          provide: NeedCommands,
          inject: [CommandSupport, CouncilAccess, DB],
          useFactory: (s: CommandSupport, a: CouncilAccess, db: Db) =>
            new NeedCommands(s, a, ContactVault.on(db, settings.masterKey), MongoNeedContactAudit.on(db)),
        },
        {
          provide: NeedQueries,
          inject: [MongoProjectsReadModel, CouncilAccess],
          useFactory: (r: MongoProjectsReadModel, a: CouncilAccess) => new NeedQueries(r, a),
        },
        {
          provide: ResourceCommands,
          inject: [CommandSupport, CouncilAccess],
          useFactory: (s: CommandSupport, a: CouncilAccess) => new ResourceCommands(s, a),
        },
        {
          provide: ResourceQueries,
          inject: [MongoProjectsReadModel, CouncilAccess],
          useFactory: (r: MongoProjectsReadModel, a: CouncilAccess) => new ResourceQueries(r, a),
        },
        {
          provide: MatchingQueries,
          inject: [MongoProjectsReadModel, CouncilAccess, OrganizationDirectory],
          useFactory: (r: MongoProjectsReadModel, a: CouncilAccess, d: OrganizationDirectory) =>
            new MatchingQueries(r, a, d, clock),
        },
        {
          provide: PairingCommands,
          inject: [CommandSupport, OrganizationDirectory, CouncilAccess],
          useFactory: (s: CommandSupport, d: OrganizationDirectory, a: CouncilAccess) => new PairingCommands(s, d, a),
        },
        {
          provide: PairingQueries,
          inject: [MongoProjectsReadModel, OrganizationDirectory],
          useFactory: (r: MongoProjectsReadModel, d: OrganizationDirectory) => new PairingQueries(r, d),
        },
        {
          provide: RatingCommands,
          inject: [CommandSupport, MongoProjectsReadModel, CouncilAccess],
          useFactory: (s: CommandSupport, r: MongoProjectsReadModel, a: CouncilAccess) => new RatingCommands(s, r, a),
        },
        {
          provide: PublicLinks,
          inject: [RatingCommands],
          useFactory: (r: RatingCommands) => {
            const key = linkKey(settings.masterKey);
            return new PublicLinks(
              r,
              (claims) => signLinkCode(key, claims),
              () => clock.today(),
              settings.publicBaseUrl,
              (url) => QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M' }),
            );
          },
        },
        {
          provide: SatisfactionQueries,
          inject: [MongoProjectsReadModel, CouncilAccess],
          useFactory: (r: MongoProjectsReadModel, a: CouncilAccess) => new SatisfactionQueries(r, a),
        },
        {
          provide: SelectionCommands,
          inject: [CommandSupport, CouncilAccess, MongoProjectsReadModel],
          useFactory: (s: CommandSupport, a: CouncilAccess, r: MongoProjectsReadModel) =>
            new SelectionCommands(s, a, r),
        },
        {
          provide: SelectionQueries,
          inject: [MongoProjectsReadModel, CouncilAccess],
          useFactory: (r: MongoProjectsReadModel, a: CouncilAccess) => new SelectionQueries(r, a),
        },
        {
          provide: ProjectCommands,
          inject: [CommandSupport, CouncilAccess, OrganizationDirectory, NeedCommands, ResourceCommands],
          useFactory: (
            s: CommandSupport,
            a: CouncilAccess,
            d: OrganizationDirectory,
            n: NeedCommands,
            r: ResourceCommands,
          ) => new ProjectCommands(s, a, d, new StoreProjectNeeds(s, n), settings.rules, r),
        },
        {
          provide: ProjectQueries,
          inject: [MongoProjectsReadModel, CouncilAccess, EVENT_STORE],
          useFactory: (r: MongoProjectsReadModel, a: CouncilAccess, store: MongoEventStore) =>
            new ProjectQueries(r, a, store),
        },
        {
          provide: BatchedReads,
          inject: [CouncilQueries, PairingQueries, ProjectQueries, SatisfactionQueries],
          useFactory: (c: CouncilQueries, p: PairingQueries, q: ProjectQueries, s: SatisfactionQueries) =>
            new BatchedReads(c, p, q, s),
        },
      ],
      exports: [
        SETTINGS,
        EVENT_STORE,
        Workers,
        OrganizationDirectory,
        CouncilCommands,
        CouncilQueries,
        BatchedReads,
        NeedCommands,
        NeedQueries,
        ResourceCommands,
        ResourceQueries,
        MatchingQueries,
        PairingCommands,
        PairingQueries,
        MongoProjectsReadModel,
        RatingCommands,
        PublicLinks,
        SatisfactionQueries,
        SelectionCommands,
        SelectionQueries,
        ProjectCommands,
        ProjectQueries,
      ],
    };
  }
}

/** The projects service: a Federation 2 subgraph over its own event store. */
@Module({})
export class ProjectsModule {
  static forRoot(settings: ProjectsSettings): DynamicModule {
    return subgraphModule(ProjectsModule, {
      service: 'projects',
      settings,
      core: ProjectsCoreModule.forRoot(settings),
      workers: Workers,
      context: {
        inject: BatchedReads,
        build: (caller, reads: BatchedReads): RequestContext => ({ caller, loaders: new Loaders(reads, caller) }),
      },
      formatError,
      resolvers: [
        CouncilResolver,
        OrganizationCouncilsResolver,
        ListsResolver,
        CouncilListsResolver,
        PairingResolver,
        OrganizationPairingsResolver,
        RatingResolver,
        CouncilSatisfactionResolver,
        ProjectSatisfactionResolver,
        SelectionResolver,
        CouncilSelectionResolver,
        ProjectResolver,
        CouncilProjectsResolver,
        UnitClaimsResolver,
        MemberSignInsResolver,
      ],
      consumers: [DirectoryController],
    });
  }
}
