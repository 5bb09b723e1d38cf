import { type INestApplication } from '@nestjs/common';
import { createSubgraphApp } from '@lianjian/api';
import { Workers } from './infrastructure/workers';
import { MembersModule } from './members.module';
import { type MembersSettings } from './settings';

/** Creates the members service (used by main.ts, the supergraph composer and the tests). */
export function createMembersApp(settings: MembersSettings): Promise<INestApplication> {
  // CSV imports arrive as GraphQL variables (bodyLimit); Kafka → organization directory and attendance run as a
  // Nest microservice over our own transport.
  return createSubgraphApp(MembersModule.forRoot(settings), {
    settings,
    workers: Workers,
    bodyLimit: settings.bodyLimit,
  });
}
