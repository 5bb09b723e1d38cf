import 'reflect-metadata';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { useGraphQLErrorFormatter, useInputValidation } from '@lianjian/api';
import { Workers } from './infrastructure/workers';
import { MembersModule } from './members.module';
import { type MembersSettings } from './settings';

/** Creates the members service (used by main.ts, the supergraph composer and the tests). */
export async function createMembersApp(settings: MembersSettings): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(MembersModule.forRoot(settings), {
    logger: ['error', 'warn'],
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: settings.bodyLimit }); // CSV imports arrive as GraphQL variables
  useInputValidation(app);
  useGraphQLErrorFormatter(app);
  app.enableShutdownHooks();
  if (settings.backgroundWorkers) {
    // Kafka → organization directory and attendance, as a Nest microservice over our own transport.
    app.connectMicroservice({ strategy: app.get(Workers).transport }, { inheritAppConfig: true });
  }
  return app;
}
