/** The id of one HTTP request, taken from the caller (a proxy or the gateway) or made there; echoed in the answer. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** The id of everything one client operation caused: set by the gateway, passed on to every subgraph it calls. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

/** What an id taken from a header may look like (a UUID and the like): anything else is replaced by a new one. */
const ID = /^[\w.:-]{1,128}$/;

/** The value of an id header when it is one to accept (short, no spaces or quotes: safe in a log line), else null. */
export function headerId(value: string | readonly string[] | null | undefined): string | null {
  const first = Array.isArray(value) ? (value as readonly string[])[0] : (value as string | null | undefined);
  return first && ID.test(first) ? first : null;
}
