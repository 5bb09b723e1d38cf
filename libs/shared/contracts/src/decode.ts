import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { messageSchema } from './envelope';
import { type AnyMessage, type MessageOf, type ServiceContract } from './message';

/** A message that does not satisfy the published contract: it can never be processed as it is. */
export class ContractViolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolationError';
  }
}

/** An Ajv instance as the published schemas need it (draft 2020-12, formats, strict). */
export function contractAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/**
 * Decodes the messages of one service's contract: each message is checked against the published JSON Schema of
 * its type and version (envelope and payload) and comes back typed; an older version the contract's upcasters lead
 * to the current one comes back as the current version. A type the contract does not list (published
 * by a newer version of the service) decodes to `null`: the consumer moves past it. Everything else that fails
 * throws `ContractViolationError`; its text names fields and rules, never values (no personal data).
 */
export class MessageDecoder<M extends AnyMessage> {
  private readonly ajv = contractAjv();
  private readonly validators = new Map<string, ValidateFunction>();
  /** Each listed type's current version. */
  private readonly types = new Map<string, number>();

  constructor(private readonly contract: ServiceContract<M>) {
    for (const message of contract.messages) {
      this.types.set(message.type, message.schemaVersion);
      this.validators.set(
        `${message.type}@${message.schemaVersion}`,
        this.ajv.compile(messageSchema(message, contract.source)),
      );
    }
  }

  decode(envelope: unknown): MessageOf<M> | null {
    if (typeof envelope !== 'object' || envelope === null)
      throw new ContractViolationError('the message is not an object');
    const { type, schemaVersion, source } = envelope as { type?: unknown; schemaVersion?: unknown; source?: unknown };
    if (source !== this.contract.source)
      throw new ContractViolationError(`the message's source is not ${this.contract.source}`);
    if (typeof type !== 'string') throw new ContractViolationError('the message has no type');
    const current = this.types.get(type);
    if (current === undefined) return null;
    const message = this.upcast(envelope, type, schemaVersion, current);
    const validate = this.validators.get(`${type}@${String(message.schemaVersion)}`);
    if (!validate)
      throw new ContractViolationError(
        `${type} v${String(schemaVersion)} is not in the ${this.contract.source} contract`,
      );
    if (!validate(message))
      throw new ContractViolationError(
        `${type} v${String(schemaVersion)} fails its schema: ${this.ajv.errorsText(validate.errors, { dataVar: 'message' })}`,
      );
    return message as MessageOf<M>;
  }

  /** An older version with an upcaster for every step to the current one, as the current version; else as it is. */
  private upcast(
    envelope: { data?: unknown },
    type: string,
    version: unknown,
    current: number,
  ): { data?: unknown; schemaVersion?: unknown } {
    const steps = this.contract.upcasters?.[type];
    if (typeof version !== 'number' || !Number.isInteger(version) || version >= current || !steps) return envelope;
    if (typeof envelope.data !== 'object' || envelope.data === null) return envelope;
    let data = envelope.data as Record<string, unknown>;
    for (let from = version; from < current; from += 1) {
      const step = steps[from];
      if (!step) return envelope;
      data = step(data);
    }
    return { ...envelope, schemaVersion: current, data };
  }
}

const decoders = new WeakMap<ServiceContract, MessageDecoder<AnyMessage>>();

/** The decoder of a contract, compiled once per process. */
export function decoderFor<M extends AnyMessage>(contract: ServiceContract<M>): MessageDecoder<M> {
  let decoder = decoders.get(contract);
  if (!decoder) {
    decoder = new MessageDecoder(contract);
    decoders.set(contract, decoder);
  }
  return decoder as unknown as MessageDecoder<M>;
}
