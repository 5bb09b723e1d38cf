/**
 * A refusal of the public endpoint that is not a domain rule: a link that is not ours or has expired, a client over
 * its rate. Like a domain refusal it has a stable code and the input field at fault.
 */
export class PublicRefusal extends Error {
  constructor(
    readonly code: 'LINK_INVALID' | 'LINK_EXPIRED' | 'RATE_LIMITED' | 'BAD_USER_INPUT' | 'NOT_AVAILABLE',
    message: string,
    readonly field: string | null,
  ) {
    super(message);
    this.name = 'PublicRefusal';
  }
}
