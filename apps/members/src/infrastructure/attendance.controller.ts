import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type IntegrationEnvelope } from '@lianjian/messaging';
import { ORGANIZATIONS_TOPICS } from '@lianjian/organizations-contracts';
import { AttendanceProjection } from './attendance.projection';

/** Feeds attendance from the organizations service's meeting topic (a Nest microservice handler over our Kafka transport). */
@Controller()
export class AttendanceController {
  constructor(private readonly attendance: AttendanceProjection) {}

  @EventPattern(ORGANIZATIONS_TOPICS.meeting)
  project(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    return this.attendance.handle(envelope);
  }
}
