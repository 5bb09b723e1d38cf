import { type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { type DestinationStream } from 'pino';
import { type LogLevel } from '@lianjian/config';
import { httpLogOptions } from './http-logs';

export interface SubgraphLoggingOptions {
  readonly service: string;
  readonly level: LogLevel;
  /** Where the JSON lines go; stdout when not given (tests pass a stream of their own). */
  readonly destination?: DestinationStream;
}

/**
 * Structured logs of a subgraph (nestjs-pino): JSON lines on stdout, one per HTTP request with its request and
 * correlation ids, status and time; Nest's own and the application's logs carry the ids of the request they were
 * written in. Never a body, a query string or a secret header (docs/adr/0018).
 */
export function subgraphLoggerModule(options: SubgraphLoggingOptions): DynamicModule {
  const http = httpLogOptions(options.service, options.level);
  return LoggerModule.forRoot({
    pinoHttp: options.destination ? [http, options.destination] : http,
  });
}
