import { type INestApplication } from '@nestjs/common';
import { createSubgraphApp } from '@lianjian/api';
import { Workers } from './infrastructure/workers';
import { OrganizationsModule } from './organizations.module';
import { type OrganizationsSettings } from './settings';

/** Creates the organizations service (used by main.ts, the supergraph composer and the tests). */
export function createOrganizationsApp(settings: OrganizationsSettings): Promise<INestApplication> {
  // Kafka → timeline and member facts run as a Nest microservice over our own transport.
  return createSubgraphApp(OrganizationsModule.forRoot(settings), { settings, workers: Workers });
}
