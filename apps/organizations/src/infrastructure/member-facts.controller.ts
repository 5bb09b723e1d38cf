import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type IntegrationEnvelope } from '@lianjian/messaging';
import { EventBatchPattern } from '@lianjian/messaging/nest';
import { MEMBERS_TOPICS } from '@lianjian/members-contracts';
import { MemberFactsProjection } from './member-facts.projection';

/**
 * Feeds the member facts from the members topic (a Nest microservice handler over our Kafka transport), in batches
 * of one partition's events: a bulk import publishes two events per member.
 */
@Controller()
export class MemberFactsController {
  constructor(private readonly facts: MemberFactsProjection) {}

  @EventBatchPattern(MEMBERS_TOPICS.member)
  project(@Payload() envelopes: readonly IntegrationEnvelope[]): Promise<void> {
    return this.facts.handleBatch(envelopes);
  }
}
