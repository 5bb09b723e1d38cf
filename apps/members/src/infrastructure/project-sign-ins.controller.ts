import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type IntegrationEnvelope } from '@lianjian/messaging';
import { PROJECTS_TOPICS } from '@lianjian/projects-contracts';
import { ProjectSignInsProjection } from './project-sign-ins.projection';

/** Feeds members' co-building project activity from the projects service's project topic (`ProjectSignedIn`). */
@Controller()
export class ProjectSignInsController {
  constructor(private readonly signIns: ProjectSignInsProjection) {}

  @EventPattern(PROJECTS_TOPICS.project)
  project(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    return this.signIns.handle(envelope);
  }
}
