import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type IntegrationEnvelope } from '@lianjian/messaging';
import { ORGANIZATIONS_TOPICS } from '@lianjian/organizations-contracts';
import { OrganizationDirectory } from './organization.directory';

/** Feeds the directory from the organizations topic (a Nest microservice handler over our Kafka transport). */
@Controller()
export class OrganizationDirectoryController {
  constructor(private readonly directory: OrganizationDirectory) {}

  @EventPattern(ORGANIZATIONS_TOPICS.organization)
  project(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    return this.directory.handle(envelope);
  }
}
