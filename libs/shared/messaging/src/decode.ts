import { ContractViolationError } from '@lianjian/contracts';
import { PoisonMessageError } from './event-consumer';

/**
 * Decodes a consumed message with its publisher's contract (`decodeMembersMessage`, `decodeOrganizationsMessage`):
 * the message typed, or null for a type the contract does not list. A message that fails the published schema can
 * never be processed: it is poison with reason `invalid`, dead-lettered at once (ADR 0014).
 */
export function decodeOrPoison<T>(decode: (envelope: unknown) => T, envelope: unknown): T {
  try {
    return decode(envelope);
  } catch (error) {
    if (error instanceof ContractViolationError)
      throw new PoisonMessageError(error.message, { reason: 'invalid', cause: error });
    throw error;
  }
}
