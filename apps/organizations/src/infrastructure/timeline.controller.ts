import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type IntegrationEnvelope } from '@lianjian/messaging';
import { ORGANIZATIONS_TOPICS } from '@lianjian/organizations-contracts';
import { TimelineProjection } from './timeline.projection';

/** Feeds the organization timeline from the service's own published stream on Kafka. */
@Controller()
export class TimelineController {
  constructor(private readonly timeline: TimelineProjection) {}

  @EventPattern(ORGANIZATIONS_TOPICS.organization)
  project(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    return this.timeline.handle(envelope);
  }
}
