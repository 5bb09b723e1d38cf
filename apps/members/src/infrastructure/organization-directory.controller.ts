import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type IntegrationEnvelope } from '@lianjian/messaging';
import { ORGANIZATIONS_TOPICS, decodeOrganizationsMessage } from '@lianjian/organizations-contracts';
import { OrganizationMoves } from '../application/transfer/organization-moves';
import { OrganizationDirectory } from './organization.directory';

/**
 * Feeds the directory from the organizations topic (a Nest microservice handler over our Kafka transport), then moves
 * members with their organization when it moved to another district or merged into another (once per event).
 */
@Controller()
export class OrganizationDirectoryController {
  constructor(
    private readonly directory: OrganizationDirectory,
    private readonly moves: OrganizationMoves,
  ) {}

  @EventPattern(ORGANIZATIONS_TOPICS.organization)
  async project(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    await this.directory.handle(envelope);
    const message = decodeOrganizationsMessage(envelope);
    if (message?.type === 'OrganizationTransferredToDistrict')
      await this.moves.follow({
        kind: 'TransferredToDistrict',
        eventId: envelope.eventId,
        organizationId: message.data.organizationId,
        fromDistrict: message.data.previousRegion.district,
        toDistrict: message.data.region.district,
        effectiveOn: message.data.effectiveOn,
      });
    else if (message?.type === 'OrganizationMerged')
      await this.moves.follow({
        kind: 'Merged',
        eventId: envelope.eventId,
        organizationId: message.data.organizationId,
        mergedIntoId: message.data.mergedIntoId,
        effectiveOn: message.data.effectiveOn,
      });
  }
}
