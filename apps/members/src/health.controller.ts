import { Controller, Get, Header, Inject } from '@nestjs/common';
import { type MongoEventStore } from '@lianjian/event-store';
import { EVENT_STORE } from './infrastructure/persistence';
import { Workers } from './infrastructure/workers';

@Controller()
export class HealthController {
  constructor(
    private readonly workers: Workers,
    @Inject(EVENT_STORE) private readonly store: MongoEventStore,
  ) {}

  /** Liveness and readiness: the database answers; the relay's state is reported, Kafka being down is not fatal. */
  @Get('health')
  async health() {
    return { status: 'ok', relay: await this.workers.relay.status() };
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  metrics() {
    return this.workers.metrics(this.store);
  }
}
