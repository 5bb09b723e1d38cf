import { Controller, Get, Header } from '@nestjs/common';
import { Workers } from './infrastructure/workers';

@Controller()
export class HealthController {
  constructor(private readonly workers: Workers) {}

  /** Liveness and readiness: the database answers; the relay's state is reported, Kafka being down is not fatal. */
  @Get('health')
  async health() {
    return { status: 'ok', relay: await this.workers.relay.status() };
  }

  /** Prometheus text: store head, relay lag and leadership, projection and consumer lag. */
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  metrics() {
    return this.workers.metrics();
  }
}
