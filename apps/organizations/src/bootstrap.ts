import 'reflect-metadata';
import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InputValidationError } from './graphql/errors';
import { Workers } from './infrastructure/workers';
import { OrganizationsModule } from './organizations.module';
import { type OrganizationsSettings } from './settings';

/** Creates the organizations service (used by main.ts, the supergraph composer and the tests). */
export async function createOrganizationsApp(settings: OrganizationsSettings): Promise<INestApplication> {
  const app = await NestFactory.create(OrganizationsModule.forRoot(settings), { logger: ['error', 'warn'] });
  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      exceptionFactory: (errors) => InputValidationError.from(errors),
    }),
  );
  app.enableShutdownHooks();
  if (settings.backgroundWorkers) {
    // Kafka → timeline runs as a Nest microservice over our own transport (retries, dead letters, heartbeats).
    app.connectMicroservice({ strategy: app.get(Workers).transport }, { inheritAppConfig: true });
  }
  return app;
}
