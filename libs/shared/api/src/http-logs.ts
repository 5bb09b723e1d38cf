import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Options } from 'pino-http';
import { CALLER_HEADER, CORRELATION_ID_HEADER, REQUEST_ID_HEADER, headerId } from '@lianjian/auth';
import { type LogLevel } from '@lianjian/config';

/** Header values that must never reach a log: credentials, the gateway-signed caller, cookies. */
const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', CALLER_HEADER];

/**
 * Fields removed from every log line whatever logged them: request bodies and parameters (they may hold personal
 * data: names, citizen IDs, phone numbers) and secret headers, should a request or response object be logged whole.
 */
export const REDACTED_PATHS: readonly string[] = [
  ...['req', 'request'].flatMap((r) => [
    `${r}.body`,
    `${r}.query`,
    `${r}.params`,
    ...SECRET_HEADERS.map((h) => `${r}.headers["${h}"]`),
  ]),
  'res.headers["set-cookie"]',
  'body',
  'variables',
];

interface RequestWithIds extends IncomingMessage {
  correlationId?: string;
}

/** pino-http's options for a subgraph: ids, redaction, and requests logged without body, query or headers. */
export function httpLogOptions(service: string, level: LogLevel): Options<IncomingMessage, ServerResponse> {
  return {
    level,
    base: { service },
    messageKey: 'msg',
    redact: { paths: [...REDACTED_PATHS], remove: true },
    genReqId: (req: RequestWithIds, res) => {
      const id = headerId(req.headers[REQUEST_ID_HEADER]) ?? randomUUID();
      req.correlationId = headerId(req.headers[CORRELATION_ID_HEADER]) ?? id;
      res.setHeader(REQUEST_ID_HEADER, id);
      res.setHeader(CORRELATION_ID_HEADER, req.correlationId);
      return id;
    },
    // every line written while handling the request carries both ids (and the request's method and path)
    customProps: (req: RequestWithIds) => ({ reqId: req.id, correlationId: req.correlationId }),
    serializers: {
      // method and path only: no query string (GET GraphQL carries variables there), no headers, no body
      req: (req: { method: string; url: string }) => ({
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    // probes every few seconds would drown the rest
    autoLogging: { ignore: (req) => /^\/(health|metrics)(\?|$)/.test(req.url ?? '') },
  };
}
