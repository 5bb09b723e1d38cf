import { type INestApplication } from '@nestjs/common';
import { createSubgraphApp } from '@lianjian/api';
import { Workers } from './infrastructure/workers';
import { ProjectsModule } from './projects.module';
import { type ProjectsSettings } from './settings';

/** Creates the projects service (used by main.ts, the supergraph composer and the tests). */
export function createProjectsApp(settings: ProjectsSettings): Promise<INestApplication> {
  return createSubgraphApp(ProjectsModule.forRoot(settings), { settings, workers: Workers });
}
