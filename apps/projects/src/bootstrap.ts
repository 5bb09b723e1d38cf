import { type INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { createSubgraphApp } from '@lianjian/api';
import { deploymentClock } from '@lianjian/calendar';
import { NeedCommands } from './application/lists/needs.commands';
import { NeedQueries } from './application/lists/needs.queries';
import { Workers } from './infrastructure/workers';
import { ProjectsModule } from './projects.module';
import { type PublicNeeds, mountPublicEndpoint, publicPortsOf } from './public/public-endpoint';
import { type ProjectsSettings } from './settings';

/**
 * Creates the projects service (used by main.ts, the supergraph composer and the tests): the federated subgraph, and
 * beside it on the same port the public endpoint `/public/graphql` for raters and residents (no platform users).
 */
export async function createProjectsApp(settings: ProjectsSettings): Promise<INestApplication> {
  const app = await createSubgraphApp(ProjectsModule.forRoot(settings), { settings, workers: Workers });
  const logger = app.get(Logger);
  await mountPublicEndpoint(
    app,
    publicPortsOf(
      app,
      settings,
      publicNeeds(app),
      deploymentClock(settings.utcOffsetMinutes, settings.fixedToday),
      (error) => logger.error({ err: error }, 'public endpoint: unexpected error'),
    ),
  );
  return app;
}

/** The needs slice's public submission and receipt (ProjectsModule registers NeedCommands and NeedQueries). */
function publicNeeds(app: INestApplication): PublicNeeds {
  const commands = app.get(NeedCommands);
  const queries = app.get(NeedQueries);
  return {
    submit: async (input) => {
      const { need } = await commands.submit(
        { kind: 'public' },
        {
          councilId: input.councilId,
          needKind: input.needKind,
          category: input.category,
          title: input.title,
          description: input.description,
          place: input.place,
          submitterKind: input.submitterKind,
          contact: input.contact,
          submittedOn: input.submittedOn,
        },
        { commandId: null, expectedVersion: null },
      );
      return { needId: need.needId };
    },
    receipt: (needId) => queries.receipt(needId),
  };
}
