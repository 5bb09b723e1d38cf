import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type IntegrationEnvelope } from '@lianjian/messaging';
import { LifecycleCommands } from '../application/lifecycle/lifecycle.commands';
import { EventBatchPattern } from '@lianjian/messaging/nest';
import { MEMBERS_TOPICS, decodeMembersMessage } from '@lianjian/members-contracts';
import { MemberFactsProjection } from './member-facts.projection';

/**
 * Feeds the member facts from the members topic (a Nest microservice handler over our Kafka transport), in batches
 * of one partition's events: a bulk import publishes two events per member. Then a registration that landed on an
 * organization dissolved meanwhile voids that dissolution (ADR 0011); a crash in between redelivers the batch, and
 * the facts are written again as they were.
 */
@Controller()
export class MemberFactsController {
  constructor(
    private readonly facts: MemberFactsProjection,
    private readonly lifecycle: LifecycleCommands,
  ) {}

  @EventBatchPattern(MEMBERS_TOPICS.member)
  async project(@Payload() envelopes: readonly IntegrationEnvelope[]): Promise<void> {
    await this.facts.handleBatch(envelopes);
    const registeredTo = envelopes.flatMap((envelope) => {
      if (envelope.type !== 'MemberRegistered') return [];
      const message = decodeMembersMessage(envelope);
      return message?.type === 'MemberRegistered' ? [message.data.organizationId] : [];
    });
    await this.lifecycle.reinstateAfterLateRegistrations(registeredTo);
  }
}
