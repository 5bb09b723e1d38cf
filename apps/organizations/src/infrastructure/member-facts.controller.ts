import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type IntegrationEnvelope } from '@lianjian/messaging';
import { MEMBERS_TOPICS } from '@lianjian/members-contracts';
import { MemberFactsProjection } from './member-facts.projection';

/** Feeds the member facts from the members topic (a Nest microservice handler over our Kafka transport). */
@Controller()
export class MemberFactsController {
  constructor(private readonly facts: MemberFactsProjection) {}

  @EventPattern(MEMBERS_TOPICS.member)
  project(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    return this.facts.handle(envelope);
  }
}
