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
import { MEMBERS_UPCASTERS } from '@lianjian/members-contracts';
import { type MongoEventStore } from '@lianjian/event-store';
import { deploymentClock } from '@lianjian/calendar';
import { DuesHandlers } from './application/dues/dues.handlers';
import { DuesQueries } from './application/dues/dues.queries';
import { LapseHandlers } from './application/lapse/lapse.handlers';
import { LapseQueries } from './application/lapse/lapse.queries';
import { MemberQueries } from './application/lookup/member.queries';
import { MemberCommandSupport } from './application/member-command-support';
import { ErasePersonalDataHandler } from './application/personal-data/erase-personal-data.handler';
import { PersonalDataQueries } from './application/personal-data/personal-data.queries';
import { RevealQuota } from './application/personal-data/reveal-quota';
import { MongoRevealCounter } from './infrastructure/reveal-counter';
import { PipelineHandlers } from './application/pipeline/pipeline.handlers';
import { PipelineQueries } from './application/pipeline/pipeline.queries';
import { MemberSelection } from './application/queries-support';
import { MemberImport } from './application/registration/member-import';
import { MemberRegistration } from './application/registration/member-registration';
import { RegisterMemberHandler } from './application/registration/register-member.handler';
import { MemberScope } from './application/scope';
import { ChangeStatusHandler } from './application/status/change-status.handler';
import { OrganizationMoves } from './application/transfer/organization-moves';
import { TransferCommands } from './application/transfer/transfer.commands';
import { CommunityRegistrationHandlers } from './application/mobility/community-registration.handlers';
import { MobilityHandlers } from './application/mobility/mobility.handlers';
import { MobilityQueries } from './application/mobility/mobility.queries';
import { MobilitySupport } from './application/mobility/mobility-support';
import { TransferQueries } from './application/transfer/transfer.queries';
import { TransferLetterQueries } from './application/transfer/transfer-letter.queries';
import { TransferLetters } from './infrastructure/transfer-letter/transfer-letters';
import { LoaderSources, Loaders, type RequestContext } from './graphql/context';
import { formatError } from './graphql/errors';
import { MemberResolver, OrganizationMembersResolver } from './graphql/member.resolver';
import { MemberTransfersResolver, OrganizationTransfersResolver, TransferResolver } from './graphql/transfer.resolver';
import {
  CommunityRegistrationResolver,
  FlowInResolver,
  FlowOutResolver,
  MemberMobilityFieldsResolver,
  MemberMobilityResolver,
  MobilityResolver,
} from './graphql/mobility.resolver';
import { AttendanceController } from './infrastructure/attendance.controller';
import { AttendanceProjection } from './infrastructure/attendance.projection';
import { csvLines } from './infrastructure/csv-lines';
import { MemberStateProjection } from './infrastructure/member-state.projection';
import { MongoMobilityReadModel, mobilityCollections } from './infrastructure/mobility.read-models';
import { type ReadModels, mongoReadModels } from './infrastructure/mongo-read-models';
import { OrganizationDirectory } from './infrastructure/organization.directory';
import { OrganizationDirectoryController } from './infrastructure/organization-directory.controller';
import { PersonalDataVault } from './infrastructure/personal-data.vault';
import { ProjectSignInsController } from './infrastructure/project-sign-ins.controller';
import { ProjectSignInsProjection } from './infrastructure/project-sign-ins.projection';
import { type Views, createViewIndexes, views } from './infrastructure/views';
import { TransferDeadlines } from './infrastructure/transfer-deadlines';
import { Workers } from './infrastructure/workers';
import { type MembersSettings } from './settings';

const READ_MODELS = Symbol('ReadModels');

/** Infrastructure and application services, shared with the GraphQL module. */
@Global()
@Module({})
class MembersCoreModule {
  static forRoot(settings: MembersSettings): DynamicModule {
    const clock = deploymentClock(settings.utcOffsetMinutes, settings.fixedToday);
    return {
      module: MembersCoreModule,
      providers: [
        ...persistenceProviders({
          settings,
          storePrefix: 'members',
          views,
          createViewIndexes,
          upcasters: MEMBERS_UPCASTERS,
        }),
        lifecycleProvider(Workers),
        { provide: READ_MODELS, inject: [VIEWS], useFactory: (v: Views) => mongoReadModels(v) },
        {
          provide: MongoMobilityReadModel,
          inject: [DB],
          useFactory: (db: Db) => new MongoMobilityReadModel(mobilityCollections(db)),
        },
        {
          provide: PersonalDataVault,
          inject: [READ_MODELS],
          useFactory: (r: ReadModels) => new PersonalDataVault(r.keys, settings.masterKey),
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
        {
          provide: AttendanceProjection,
          inject: [READ_MODELS],
          useFactory: (r: ReadModels) => new AttendanceProjection(r.attendance, r.meetings),
        },
        {
          provide: ProjectSignInsProjection,
          inject: [READ_MODELS],
          useFactory: (r: ReadModels) => new ProjectSignInsProjection(r.projectActivity),
        },
        {
          provide: MemberStateProjection,
          inject: [EVENT_STORE, READ_MODELS, PersonalDataVault, DB, MongoMobilityReadModel],
          useFactory: (
            store: MongoEventStore,
            r: ReadModels,
            vault: PersonalDataVault,
            db: Db,
            mobility: MongoMobilityReadModel,
          ) => new MemberStateProjection(store, r.members, vault, db, r.transfers, mobility),
        },
        {
          provide: Workers,
          inject: [EVENT_STORE, MemberStateProjection],
          useFactory: (store: MongoEventStore, p: MemberStateProjection) => new Workers(settings, store, p),
        },
        {
          provide: MemberCommandSupport,
          inject: [
            EVENT_STORE,
            READ_MODELS,
            MemberStateProjection,
            OrganizationDirectory,
            MemberScope,
            Workers,
            PersonalDataVault,
          ],
          useFactory: (
            store: MongoEventStore,
            r: ReadModels,
            p: MemberStateProjection,
            d: OrganizationDirectory,
            s: MemberScope,
            w: Workers,
            vault: PersonalDataVault,
          ) =>
            new MemberCommandSupport({
              store,
              members: r.members,
              rosters: r.rosters,
              meetings: r.meetings,
              ownWrites: p,
              directory: d,
              scope: s,
              rules: settings.rules,
              clock,
              sealing: vault,
              onAppended: () => w.relay.notify(),
            }),
        },
        {
          provide: MemberRegistration,
          inject: [EVENT_STORE, READ_MODELS, PersonalDataVault],
          useFactory: (store: MongoEventStore, r: ReadModels, vault: PersonalDataVault) =>
            new MemberRegistration(store, r.citizenIds, vault, () => clock.today()),
        },
        {
          provide: RegisterMemberHandler,
          inject: [MemberCommandSupport, MemberRegistration],
          useFactory: (c: MemberCommandSupport, r: MemberRegistration) => new RegisterMemberHandler(c, r),
        },
        {
          provide: MemberImport,
          inject: [READ_MODELS, OrganizationDirectory, MemberRegistration, Workers],
          useFactory: (r: ReadModels, d: OrganizationDirectory, reg: MemberRegistration, w: Workers) =>
            new MemberImport(r.imports, d, reg, settings.rules, clock, () => w.relay.notify(), csvLines),
        },
        {
          provide: PipelineHandlers,
          inject: [MemberCommandSupport],
          useFactory: (c: MemberCommandSupport) => new PipelineHandlers(c),
        },
        {
          provide: ChangeStatusHandler,
          inject: [MemberCommandSupport],
          useFactory: (c: MemberCommandSupport) => new ChangeStatusHandler(c),
        },
        {
          provide: DuesHandlers,
          inject: [MemberCommandSupport],
          useFactory: (c: MemberCommandSupport) => new DuesHandlers(c),
        },
        {
          provide: LapseHandlers,
          inject: [MemberCommandSupport, READ_MODELS],
          useFactory: (c: MemberCommandSupport, r: ReadModels) => new LapseHandlers(c, r.attendance),
        },
        {
          provide: ErasePersonalDataHandler,
          inject: [MemberCommandSupport, PersonalDataVault, READ_MODELS],
          useFactory: (c: MemberCommandSupport, vault: PersonalDataVault, r: ReadModels) =>
            new ErasePersonalDataHandler(c, vault, r.citizenIds),
        },
        {
          provide: MemberSelection,
          inject: [READ_MODELS, OrganizationDirectory, MemberScope, MemberStateProjection],
          useFactory: (r: ReadModels, d: OrganizationDirectory, s: MemberScope, p: MemberStateProjection) =>
            new MemberSelection({
              members: r.members,
              rosters: r.rosters,
              directory: d,
              scope: s,
              rules: settings.rules,
              clock,
              ownWrites: p,
            }),
        },
        { provide: MemberQueries, inject: [MemberSelection], useFactory: (q: MemberSelection) => new MemberQueries(q) },
        {
          provide: TransferCommands,
          inject: [MemberCommandSupport, READ_MODELS, RegisterMemberHandler],
          useFactory: (c: MemberCommandSupport, r: ReadModels, reg: RegisterMemberHandler) =>
            new TransferCommands(
              c,
              r.transfers,
              r.transferReservations,
              (caller, input) => reg.register(caller, input),
              settings.transferRules,
            ),
        },
        {
          provide: TransferQueries,
          inject: [READ_MODELS, OrganizationDirectory, MemberScope, MemberStateProjection, EVENT_STORE],
          useFactory: (
            r: ReadModels,
            d: OrganizationDirectory,
            s: MemberScope,
            p: MemberStateProjection,
            store: MongoEventStore,
          ) =>
            new TransferQueries({
              transfers: r.transfers,
              directory: d,
              scope: s,
              ownWrites: p,
              store,
              today: () => clock.today(),
            }),
        },
        {
          provide: OrganizationMoves,
          inject: [MemberCommandSupport],
          useFactory: (c: MemberCommandSupport) => new OrganizationMoves(c),
        },
        {
          provide: TransferLetters,
          useFactory: () => new TransferLetters(settings.masterKey, settings.letterFont),
        },
        {
          provide: TransferLetterQueries,
          inject: [
            READ_MODELS,
            OrganizationDirectory,
            PersonalDataVault,
            TransferLetters,
            MemberStateProjection,
            TransferQueries,
          ],
          useFactory: (
            r: ReadModels,
            d: OrganizationDirectory,
            vault: PersonalDataVault,
            printer: TransferLetters,
            p: MemberStateProjection,
            q: TransferQueries,
          ) =>
            new TransferLetterQueries(
              {
                members: r.members,
                directory: d,
                names: vault,
                printer,
                ownWrites: p,
                today: () => clock.today(),
              },
              q,
            ),
        },
        {
          provide: TransferDeadlines,
          inject: [TransferCommands],
          useFactory: (c: TransferCommands) =>
            new TransferDeadlines(c, {
              enabled: settings.backgroundWorkers,
              everyMs: settings.transferSweepMs ?? 60_000,
            }),
        },
        {
          provide: LoaderSources,
          inject: [MemberQueries, TransferQueries, READ_MODELS],
          useFactory: (m: MemberQueries, t: TransferQueries, r: ReadModels) =>
            new LoaderSources(m, t, r.projectActivity),
        },
        {
          provide: PipelineQueries,
          inject: [MemberSelection],
          useFactory: (q: MemberSelection) => new PipelineQueries(q),
        },
        { provide: DuesQueries, inject: [MemberSelection], useFactory: (q: MemberSelection) => new DuesQueries(q) },
        {
          provide: LapseQueries,
          inject: [MemberSelection, READ_MODELS],
          useFactory: (q: MemberSelection, r: ReadModels) => new LapseQueries(q, r.attendance),
        },
        {
          // one quota for every reveal of a request: ID numbers and phones, and mobility contacts
          provide: RevealQuota,
          inject: [DB],
          useFactory: async (db: Db) => {
            const reveals = new MongoRevealCounter(db);
            await reveals.ensureIndexes();
            return new RevealQuota(reveals, settings.revealLimits);
          },
        },
        {
          provide: PersonalDataQueries,
          inject: [READ_MODELS, MemberScope, PersonalDataVault, RevealQuota],
          useFactory: (r: ReadModels, s: MemberScope, vault: PersonalDataVault, quota: RevealQuota) =>
            new PersonalDataQueries(r.members, s, vault, r.audit, quota),
        },
        {
          provide: MobilitySupport,
          inject: [MemberCommandSupport],
          useFactory: (c: MemberCommandSupport) => new MobilitySupport(c),
        },
        {
          provide: MobilityHandlers,
          inject: [MobilitySupport],
          useFactory: (m: MobilitySupport) => new MobilityHandlers(m),
        },
        {
          provide: CommunityRegistrationHandlers,
          inject: [MobilitySupport],
          useFactory: (m: MobilitySupport) => new CommunityRegistrationHandlers(m),
        },
        {
          provide: MobilityQueries,
          inject: [MemberSelection, MongoMobilityReadModel, PersonalDataVault, READ_MODELS, RevealQuota],
          useFactory: (
            q: MemberSelection,
            mobility: MongoMobilityReadModel,
            vault: PersonalDataVault,
            r: ReadModels,
            quota: RevealQuota,
          ) => new MobilityQueries(q, mobility, vault, r.audit, quota),
        },
      ],
      exports: [
        SETTINGS,
        EVENT_STORE,
        RegisterMemberHandler,
        MemberImport,
        PipelineHandlers,
        ChangeStatusHandler,
        DuesHandlers,
        LapseHandlers,
        ErasePersonalDataHandler,
        MemberQueries,
        TransferCommands,
        TransferQueries,
        TransferLetterQueries,
        OrganizationMoves,
        LoaderSources,
        PipelineQueries,
        DuesQueries,
        LapseQueries,
        PersonalDataQueries,
        MobilityHandlers,
        CommunityRegistrationHandlers,
        MobilityQueries,
        Workers,
        OrganizationDirectory,
        AttendanceProjection,
        ProjectSignInsProjection,
      ],
    };
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
        inject: LoaderSources,
        build: (caller, sources: LoaderSources): RequestContext => ({
          caller,
          loaders: new Loaders(sources.members, sources.transfers, caller, sources.projectActivity),
        }),
      },
      formatError,
      resolvers: [
        MemberResolver,
        OrganizationMembersResolver,
        TransferResolver,
        MemberTransfersResolver,
        OrganizationTransfersResolver,
        MobilityResolver,
        MemberMobilityResolver,
        MemberMobilityFieldsResolver,
        FlowOutResolver,
        FlowInResolver,
        CommunityRegistrationResolver,
      ],
      consumers: [OrganizationDirectoryController, AttendanceController, ProjectSignInsController],
    });
  }
}
