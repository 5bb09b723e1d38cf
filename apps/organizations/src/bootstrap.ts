import 'reflect-metadata';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { useGraphQLErrorFormatter, useInputValidation } from '@lianjian/api';
import { Workers } from './infrastructure/workers';
import { OrganizationsModule } from './organizations.module';
import { type OrganizationsSettings } from './settings';

/** Creates the organizations service (used by main.ts, the supergraph composer and the tests). */
export async function createOrganizationsApp(settings: OrganizationsSettings): Promise<INestApplication> {
  const app = await NestFactory.create(OrganizationsModule.forRoot(settings), { logger: ['error', 'warn'] });
  useInputValidation(app);
  useGraphQLErrorFormatter(app);
  app.enableShutdownHooks();
  if (settings.backgroundWorkers) {
    // Kafka → timeline runs as a Nest microservice over our own transport (retries, dead letters, heartbeats).
    app.connectMicroservice({ strategy: app.get(Workers).transport }, { inheritAppConfig: true });
  }
  return app;
}
