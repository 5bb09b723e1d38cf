import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type IntegrationEnvelope } from '@lianjian/messaging';
import { ORGANIZATIONS_TOPICS } from '@lianjian/organizations-contracts';
import { OrganizationDirectory } from './directory';

/** Feeds the directory from the organizations service's topics (a Nest microservice handler over our transport). */
@Controller()
export class DirectoryController {
  constructor(private readonly directory: OrganizationDirectory) {}

  @EventPattern(ORGANIZATIONS_TOPICS.organization)
  organization(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    return this.directory.handleOrganization(envelope);
  }

  @EventPattern(ORGANIZATIONS_TOPICS.unit)
  unit(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    return this.directory.handleUnit(envelope);
  }
}
